namespace Berth.Engine.Stats;

/// <summary>One reading of a container's resource use, from its cgroup and network namespace.</summary>
public sealed record StatsSample
{
    public DateTime Read { get; init; }
    public ulong CpuTotalNs { get; init; }
    public ulong CpuUserNs { get; init; }
    public ulong CpuKernelNs { get; init; }
    public ulong SystemCpuNs { get; init; }
    public int OnlineCpus { get; init; }
    public ulong MemoryUsage { get; init; }
    public ulong MemoryLimit { get; init; }
    public IReadOnlyDictionary<string, ulong> MemoryStats { get; init; } = new Dictionary<string, ulong>();
    public ulong Pids { get; init; }
    public ulong PidsLimit { get; init; }
    public ulong BlockRead { get; init; }
    public ulong BlockWrite { get; init; }
    public IReadOnlyDictionary<string, NetworkCounters> Networks { get; init; } = new Dictionary<string, NetworkCounters>();
}

public sealed record NetworkCounters(ulong RxBytes, ulong RxPackets, ulong RxErrors, ulong RxDropped, ulong TxBytes, ulong TxPackets, ulong TxErrors, ulong TxDropped);
