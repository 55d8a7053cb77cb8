using Berth.Engine.Files;
using System.Runtime.InteropServices;
using Berth.Daemon;
using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Engine.Services;

namespace Berth.Daemon.Api;

/// <summary><c>/_ping</c>, <c>/version</c>, <c>/info</c>.</summary>
internal static class SystemRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/_ping", ["GET", "HEAD"], Ping);
        app.MapGet("/version", Version);
        app.MapGet("/info", Info);
    }

    private static IResult Ping(HttpContext context)
    {
        var h = context.Response.Headers;
        h.CacheControl = "no-cache, no-store, must-revalidate";
        h.Pragma = "no-cache";
        h["Docker-Experimental"] = "false";
        h["Ostype"] = "linux";
        h["Builder-Version"] = "1";
        return Results.Text("OK", "text/plain; charset=utf-8");
    }

    private static IResult Version()
    {
        string kernel = KernelVersion();
        var details = new Dictionary<string, string>
        {
            ["ApiVersion"] = ApiVersion.Current, ["MinAPIVersion"] = ApiVersion.Minimum, ["GitCommit"] = GitCommit,
            ["GoVersion"] = RuntimeInformation.FrameworkDescription, ["Os"] = "linux", ["Arch"] = "amd64",
            ["KernelVersion"] = kernel, ["Experimental"] = "false", ["BuildTime"] = BuildTime,
        };
        return Json.Ok(new
        {
            Platform = new { Name = "Berth Engine" },
            Components = new[] { new { Name = "Engine", Version = ApiVersion.EngineVersion, Details = details } },
            Version = ApiVersion.EngineVersion,
            ApiVersion = ApiVersion.Current,
            MinAPIVersion = ApiVersion.Minimum,
            GitCommit,
            GoVersion = RuntimeInformation.FrameworkDescription,
            Os = "linux",
            Arch = "amd64",
            KernelVersion = kernel,
            BuildTime,
        });
    }

    private static IResult Info(ContainerService containers, MetadataStore metadata, DaemonPaths paths, DaemonOptions options)
    {
        var list = containers.List();
        int running = list.Count(c => c.State.Status == Core.Containers.ContainerStatus.Running);
        int paused = list.Count(c => c.State.Status == Core.Containers.ContainerStatus.Paused);
        return Json.Ok(new
        {
            ID = HostId(paths),
            Containers = list.Count,
            ContainersRunning = running,
            ContainersPaused = paused,
            ContainersStopped = list.Count - running - paused,
            Images = metadata.ListImages().Count,
            Driver = "overlay2",
            DriverStatus = new[] { new[] { "Backing Filesystem", "extfs" }, new[] { "Supports d_type", "true" } },
            Plugins = new { Volume = new[] { "local" }, Network = new[] { "bridge", "host", "null" }, Authorization = (object?)null, Log = new[] { "k8s-file", "none" } },
            MemoryLimit = true, SwapLimit = true, CpuCfsPeriod = true, CpuCfsQuota = true, CPUShares = true, CPUSet = true,
            PidsLimit = true, IPv4Forwarding = true, Debug = options.LogLevel == "debug",
            NFd = Directory.GetFiles("/proc/self/fd").Length,
            OomKillDisable = false,
            NGoroutines = System.Diagnostics.Process.GetCurrentProcess().Threads.Count,
            SystemTime = DateTime.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"),
            LoggingDriver = "k8s-file",
            CgroupDriver = "cgroupfs",
            CgroupVersion = Directory.Exists("/sys/fs/cgroup/memory") ? "1" : "2",
            NEventsListener = 0,
            KernelVersion = KernelVersion(),
            OperatingSystem = OsName(),
            OSVersion = "",
            OSType = "linux",
            Architecture = RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            IndexServerAddress = "https://index.docker.io/v1/",
            RegistryConfig = new { AllowNondistributableArtifactsCIDRs = Array.Empty<string>(), InsecureRegistryCIDRs = new[] { "127.0.0.0/8" }, IndexConfigs = new Dictionary<string, object>(), Mirrors = Array.Empty<string>() },
            NCPU = Environment.ProcessorCount,
            MemTotal = MemTotal(),
            DockerRootDir = paths.DataRoot,
            Name = System.Net.Dns.GetHostName(),
            Labels = Array.Empty<string>(),
            ExperimentalBuild = false,
            ServerVersion = ApiVersion.EngineVersion,
            Runtimes = new Dictionary<string, object> { ["runc"] = new { path = options.Runtime } },
            DefaultRuntime = "runc",
            Swarm = new { NodeID = "", NodeAddr = "", LocalNodeState = "inactive", ControlAvailable = false, Error = "", RemoteManagers = (object?)null },
            LiveRestoreEnabled = true,
            Isolation = "",
            InitBinary = "",
            ContainerdCommit = new { ID = "" },
            RuncCommit = new { ID = "" },
            InitCommit = new { ID = "" },
            SecurityOptions = Array.Empty<string>(),
            Warnings = Array.Empty<string>(),
        });
    }

    private const string GitCommit = "berth";
    private static readonly string BuildTime = File.GetLastWriteTimeUtc(typeof(SystemRoutes).Assembly.Location).ToString("ddd MMM d HH:mm:ss yyyy");

    private static string KernelVersion() => File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "";

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
    private static string HostId(DaemonPaths paths)
    {
        string file = Path.Combine(paths.DataRoot, "engine-id");
        if (!File.Exists(file))
            AtomicFile.Write(file, Guid.NewGuid().ToString());
        return File.ReadAllText(file).Trim();
    }
}
