namespace Berth.Engine.Stats;

/// <summary>
/// Reads a container's counters from its cgroup, on cgroup v1 (one hierarchy per controller)
/// and v2 (one unified hierarchy), plus network counters from its init's /proc/PID/net/dev.
/// </summary>
public static class CgroupStats
{
    private const string Root = "/sys/fs/cgroup";
    private const ulong TicksPerSecond = 100; // USER_HZ on Linux

    public static bool IsV2 => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>Whether the kernel's OOM killer struck in this cgroup (read before the runtime deletes it).</summary>
    public static bool WasOomKilled(string cgroupPath)
    {
        string rel = cgroupPath.TrimStart('/');
        var counters = IsV2
            ? KeyValues(Path.Combine(Root, rel, "memory.events"))
            : KeyValues(Path.Combine(Root, "memory", rel, "memory.oom_control"));
        return counters.GetValueOrDefault("oom_kill") > 0;
    }

    /// <param name="cgroupPath">the container's cgroupsPath in its OCI spec, e.g. <c>/berth/ID</c>.</param>
    public static StatsSample Read(string cgroupPath, int pid)
    {
        string rel = cgroupPath.TrimStart('/');
        var sample = IsV2 ? ReadV2(Path.Combine(Root, rel)) : ReadV1(rel);
        return sample with
        {
            Read = DateTime.UtcNow,
            SystemCpuNs = SystemCpu(),
            OnlineCpus = Environment.ProcessorCount,
            Networks = pid > 0 ? Networks(pid) : new Dictionary<string, NetworkCounters>(),
        };
    }

    private static StatsSample ReadV1(string rel)
    {
        string Dir(string controller) => Path.Combine(Root, controller, rel);
        var memoryStats = KeyValues(Path.Combine(Dir("memory"), "memory.stat"));
        var (read, write) = BlkioV1(Path.Combine(Dir("blkio"), "blkio.throttle.io_service_bytes_recursive"));
        var cpuStat = KeyValues(Path.Combine(Dir("cpuacct"), "cpuacct.stat"));
        return new StatsSample
        {
            CpuTotalNs = Number(Path.Combine(Dir("cpuacct"), "cpuacct.usage")),
            CpuUserNs = cpuStat.GetValueOrDefault("user") * (1_000_000_000 / TicksPerSecond),
            CpuKernelNs = cpuStat.GetValueOrDefault("system") * (1_000_000_000 / TicksPerSecond),
            MemoryUsage = Number(Path.Combine(Dir("memory"), "memory.usage_in_bytes")),
            MemoryLimit = Math.Min(Number(Path.Combine(Dir("memory"), "memory.limit_in_bytes")), HostMemory()),
            MemoryStats = memoryStats,
            Pids = Number(Path.Combine(Dir("pids"), "pids.current")),
            PidsLimit = Number(Path.Combine(Dir("pids"), "pids.max")),
            BlockRead = read,
            BlockWrite = write,
        };
    }

    private static StatsSample ReadV2(string dir)
    {
        var cpu = KeyValues(Path.Combine(dir, "cpu.stat"));
        ulong read = 0, write = 0;
        if (File.Exists(Path.Combine(dir, "io.stat")))
            foreach (string line in File.ReadLines(Path.Combine(dir, "io.stat")))
                foreach (string field in line.Split(' '))
                {
                    if (field.StartsWith("rbytes=", StringComparison.Ordinal)) read += ulong.Parse(field[7..]);
                    if (field.StartsWith("wbytes=", StringComparison.Ordinal)) write += ulong.Parse(field[7..]);
                }
        return new StatsSample
        {
            CpuTotalNs = cpu.GetValueOrDefault("usage_usec") * 1000,
            CpuUserNs = cpu.GetValueOrDefault("user_usec") * 1000,
            CpuKernelNs = cpu.GetValueOrDefault("system_usec") * 1000,
            MemoryUsage = Number(Path.Combine(dir, "memory.current")),
            MemoryLimit = Math.Min(Number(Path.Combine(dir, "memory.max")), HostMemory()),
            MemoryStats = KeyValues(Path.Combine(dir, "memory.stat")),
            Pids = Number(Path.Combine(dir, "pids.current")),
            PidsLimit = Number(Path.Combine(dir, "pids.max")),
            BlockRead = read,
            BlockWrite = write,
        };
    }

    /// <summary>A single number; "max" and missing files read as unlimited or zero.</summary>
    private static ulong Number(string file)
    {
        if (!File.Exists(file))
            return 0;
        string text = File.ReadAllText(file).Trim();
        return text == "max" ? ulong.MaxValue : ulong.TryParse(text, out ulong n) ? n : 0;
    }

    private static Dictionary<string, ulong> KeyValues(string file)
    {
        var values = new Dictionary<string, ulong>();
        if (!File.Exists(file))
            return values;
        foreach (string line in File.ReadLines(file))
        {
            string[] kv = line.Split(' ', 2);
            if (kv.Length == 2 && ulong.TryParse(kv[1], out ulong n))
                values[kv[0]] = n;
        }
        return values;
    }

    private static (ulong Read, ulong Write) BlkioV1(string file)
    {
        ulong read = 0, write = 0;
        if (!File.Exists(file))
            return (0, 0);
        foreach (string line in File.ReadLines(file))
        {
            string[] f = line.Split(' ');
            if (f.Length == 3 && ulong.TryParse(f[2], out ulong n))
            {
                if (f[1] == "Read") read += n;
                else if (f[1] == "Write") write += n;
            }
        }
        return (read, write);
    }

    /// <summary>The host's CPU time in nanoseconds, from the first line of /proc/stat (as Docker computes it).</summary>
    private static ulong SystemCpu()
    {
        string line = File.ReadLines("/proc/stat").First();
        ulong ticks = 0;
        foreach (string field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(7))
            ticks += ulong.Parse(field);
        return ticks * (1_000_000_000 / TicksPerSecond);
    }

    private static ulong HostMemory()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return ulong.Parse(line[9..].Trim().Split(' ')[0]) * 1024;
    }

    private static Dictionary<string, NetworkCounters> Networks(int pid)
    {
        var result = new Dictionary<string, NetworkCounters>();
        string file = $"/proc/{pid}/net/dev";
        if (!File.Exists(file))
            return result;
        foreach (string line in File.ReadLines(file).Skip(2))
        {
            string[] parts = line.Split(':', 2);
            string name = parts[0].Trim();
            if (parts.Length < 2 || name == "lo")
                continue;
            var f = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse).ToArray();
            result[name] = new NetworkCounters(f[0], f[1], f[2], f[3], f[8], f[9], f[10], f[11]);
        }
        return result;
    }
}
