using System.Text.Json;

namespace Berth.Cli.Formatting;

/// <summary>
/// One container's figures from a <c>GET /containers/{id}/stats</c> sample, computed as docker's
/// <c>stats_helpers.go</c> does for Linux daemons: CPU % from the cpu/precpu deltas, memory
/// without the inactive file cache (cgroup v1's <c>total_inactive_file</c>, v2's <c>inactive_file</c>),
/// block I/O summed over the read and write ops, network summed over the interfaces.
/// </summary>
internal sealed record StatsSample(
    string Name,
    string Id,
    double CpuPercent,
    double Memory,
    double MemoryLimit,
    double MemoryPercent,
    double NetworkRx,
    double NetworkTx,
    double BlockRead,
    double BlockWrite,
    ulong Pids)
{
    /// <summary>What docker shows for a container it has no sample of yet: zeros and no name.</summary>
    public static readonly StatsSample Empty = new(string.Empty, string.Empty, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static StatsSample FromJson(JsonElement v)
    {
        var memory = MemoryWithoutCache(Get(v, "memory_stats"));
        var limit = (double)U64(Get(v, "memory_stats"), "limit");
        var (read, write) = BlockIo(Get(Get(v, "blkio_stats"), "io_service_bytes_recursive"));
        var (rx, tx) = Network(Get(v, "networks"));
        return new StatsSample(
            ContainerRows.Str(v, "name"),
            ContainerRows.Str(v, "id"),
            CpuShare(Get(v, "cpu_stats"), Get(v, "precpu_stats")),
            memory,
            limit,
            limit != 0 ? memory / limit * 100.0 : 0,
            rx,
            tx,
            read,
            write,
            U64(Get(v, "pids_stats"), "current"));
    }

    /// <summary>docker's <c>calculateCPUPercentUnix</c>: the container's share of the host's CPU time since the previous sample, times the CPUs.</summary>
    private static double CpuShare(JsonElement cpu, JsonElement precpu)
    {
        var cpuDelta = (double)U64(Get(cpu, "cpu_usage"), "total_usage") - U64(Get(precpu, "cpu_usage"), "total_usage");
        var systemDelta = (double)U64(cpu, "system_cpu_usage") - U64(precpu, "system_cpu_usage");
        double onlineCpus = U64(cpu, "online_cpus");
        if (onlineCpus == 0)
        {
            // Daemons before API 1.27 only sent the per-CPU list (cgroup v1).
            var perCpu = Get(Get(cpu, "cpu_usage"), "percpu_usage");
            onlineCpus = perCpu.ValueKind == JsonValueKind.Array ? perCpu.GetArrayLength() : 0;
        }

        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * onlineCpus * 100.0 : 0;
    }

    private static double MemoryWithoutCache(JsonElement memory)
    {
        var usage = U64(memory, "usage");
        var stats = Get(memory, "stats");
        if (stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty("total_inactive_file", out _) && U64(stats, "total_inactive_file") is var v1 && v1 < usage)
        {
            return usage - v1;
        }

        var v2 = U64(stats, "inactive_file");
        return v2 < usage ? usage - v2 : usage;
    }

    private static (double Read, double Write) BlockIo(JsonElement entries)
    {
        ulong read = 0, write = 0;
        if (entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                // cgroup v1 says "Read"/"Write" (and "Sync", "Total"...), cgroup v2 "read"/"write".
                switch (ContainerRows.Str(entry, "op") is { Length: > 0 } op ? char.ToLowerInvariant(op[0]) : '\0')
                {
                    case 'r':
                        read += U64(entry, "value");
                        break;
                    case 'w':
                        write += U64(entry, "value");
                        break;
                }
            }
        }

        return (read, write);
    }

    private static (double Rx, double Tx) Network(JsonElement networks)
    {
        double rx = 0, tx = 0;
        if (networks.ValueKind == JsonValueKind.Object)
        {
            foreach (var network in networks.EnumerateObject())
            {
                rx += U64(network.Value, "rx_bytes");
                tx += U64(network.Value, "tx_bytes");
            }
        }

        return (rx, tx);
    }

    private static JsonElement Get(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    private static ulong U64(JsonElement e, string name)
        => Get(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetUInt64(out var n) ? n : 0;
}
