using Berth.Core.Containers;
using Berth.Engine.Files;
using Berth.Engine.Metadata;

namespace Berth.Engine.Services;

/// <summary>
/// <c>docker info</c> and <c>version</c>'s facts: counts from the engine, the rest read from
/// the host (<c>/proc</c>, <c>/etc/os-release</c>) and the daemon's own identity.
/// </summary>
public sealed class SystemService(DaemonPaths paths, IContainerCatalog containers, MetadataStore metadata)
{
    public SystemInfo Info()
    {
        var list = containers.List();
        return new SystemInfo
        {
            Id = EngineId(),
            Containers = list.Count,
            ContainersRunning = list.Count(c => c.State.Status == ContainerStatus.Running),
            ContainersPaused = list.Count(c => c.State.Status == ContainerStatus.Paused),
            Images = metadata.ListImages().Count,
            OpenFiles = Directory.GetFiles("/proc/self/fd").Length,
            Threads = System.Diagnostics.Process.GetCurrentProcess().Threads.Count,
            CgroupVersion = Directory.Exists("/sys/fs/cgroup/memory") ? "1" : "2",
            KernelVersion = KernelVersion(),
            OperatingSystem = OsName(),
            MemTotal = MemTotal(),
            Hostname = System.Net.Dns.GetHostName(),
            DataRoot = paths.DataRoot,
        };
    }

    public string KernelVersion() => File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";

    private static string OsName()
    {
        if (!File.Exists("/etc/os-release")) return "linux";
        var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line is null ? "linux" : line[12..].Trim('"');
    }

    private static long MemTotal()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line[9..].Trim().Split(' ')[0]) * 1024;
    }

    /// <summary>A stable identity for this daemon, kept in its data root.</summary>
    private string EngineId()
    {
        string file = Path.Combine(paths.DataRoot, "engine-id");
        if (!File.Exists(file))
            AtomicFile.Write(file, Guid.NewGuid().ToString());
        return File.ReadAllText(file).Trim();
    }
}
