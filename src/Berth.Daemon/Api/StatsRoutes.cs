using System.Text.Json;
using Berth.Core.Containers;
using Berth.Engine.Containers;
using Berth.Engine.Stats;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>GET /containers/{id}/stats</c>: a reading per second while streaming; without streaming,
/// two readings half a second apart, so the client can compute a CPU percentage.
/// </summary>
internal static class StatsRoutes
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/containers/{id}/stats", StreamAsync);

    private static async Task StreamAsync(HttpContext context, string id, ContainerService containers)
    {
        var q = context.Request.Query;
        bool stream = !q.ContainsKey("stream") || ContainerRoutes.Flag(q["stream"]);
        bool oneShot = ContainerRoutes.Flag(q["one-shot"]);
        containers.Get(id); // a missing container is a 404, before the 200 goes out
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // headers now: clients wait for them before reading
        StatsSample? previous = null;
        if (!stream && !oneShot && containers.ReadStats(id) is var (first, reading) && Running(first))
        {
            previous = reading;
            await Task.Delay(s_interval / 2, context.RequestAborted);
        }
        while (true)
        {
            var (c, sample) = containers.ReadStats(id);
            await context.Response.WriteAsync(JsonSerializer.Serialize(View(c, sample, previous), DaemonJson.Api.StatsView) + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (!stream || !Running(c))
                return;
            previous = sample;
            await Task.Delay(s_interval, context.RequestAborted);
        }
    }

    private static bool Running(Container c) => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused;

    private static StatsView View(Container c, StatsSample s, StatsSample? p) => new(
        read: GoTime.Format(s.Read),
        preread: GoTime.Format(p?.Read ?? default),
        pids_stats: new PidsStats(current: s.Pids, limit: s.PidsLimit),
        blkio_stats: new BlkioStats(io_service_bytes_recursive:
        [
            new BlkioEntry(major: 0, minor: 0, op: "read", value: s.BlockRead),
            new BlkioEntry(major: 0, minor: 0, op: "write", value: s.BlockWrite),
        ]),
        num_procs: 0,
        storage_stats: new EmptyView(),
        cpu_stats: Cpu(s),
        precpu_stats: Cpu(p ?? new StatsSample()),
        memory_stats: s.MemoryUsage == 0 ? new EmptyView() : new MemoryStats(usage: s.MemoryUsage, stats: s.MemoryStats, limit: s.MemoryLimit),
        name: "/" + c.Name,
        id: c.Id,
        networks: s.Networks.ToDictionary(n => n.Key, n => new NetworkStats(
            rx_bytes: n.Value.RxBytes, rx_packets: n.Value.RxPackets, rx_errors: n.Value.RxErrors, rx_dropped: n.Value.RxDropped,
            tx_bytes: n.Value.TxBytes, tx_packets: n.Value.TxPackets, tx_errors: n.Value.TxErrors, tx_dropped: n.Value.TxDropped)));

    private static CpuStats Cpu(StatsSample s) => new(
        cpu_usage: new CpuUsage(total_usage: s.CpuTotalNs, usage_in_kernelmode: s.CpuKernelNs, usage_in_usermode: s.CpuUserNs),
        system_cpu_usage: s.SystemCpuNs,
        online_cpus: s.OnlineCpus,
        throttling_data: new ThrottlingData(periods: 0, throttled_periods: 0, throttled_time: 0));

    // The wire shapes: Docker's snake_case names, in its order.
    internal sealed record StatsView(string read, string preread, PidsStats pids_stats, BlkioStats blkio_stats, int num_procs, EmptyView storage_stats,
        CpuStats cpu_stats, CpuStats precpu_stats, object memory_stats, string name, string id, Dictionary<string, NetworkStats> networks);

    internal sealed record PidsStats(ulong current, ulong limit);

    internal sealed record BlkioStats(BlkioEntry[] io_service_bytes_recursive);

    internal sealed record BlkioEntry(int major, int minor, string op, ulong value);

    /// <summary><c>{}</c>.</summary>
    internal sealed record EmptyView;

    internal sealed record MemoryStats(ulong usage, IReadOnlyDictionary<string, ulong> stats, ulong limit);

    internal sealed record NetworkStats(ulong rx_bytes, ulong rx_packets, ulong rx_errors, ulong rx_dropped, ulong tx_bytes, ulong tx_packets, ulong tx_errors, ulong tx_dropped);

    internal sealed record CpuStats(CpuUsage cpu_usage, ulong system_cpu_usage, int online_cpus, ThrottlingData throttling_data);

    internal sealed record CpuUsage(ulong total_usage, ulong usage_in_kernelmode, ulong usage_in_usermode);

    internal sealed record ThrottlingData(int periods, int throttled_periods, int throttled_time);
}
