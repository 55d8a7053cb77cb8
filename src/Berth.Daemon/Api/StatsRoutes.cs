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
            await context.Response.WriteAsync(JsonSerializer.Serialize(View(c, sample, previous), Json.Options) + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (!stream || !Running(c))
                return;
            previous = sample;
            await Task.Delay(s_interval, context.RequestAborted);
        }
    }

    private static bool Running(Container c) => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused;

    private static object View(Container c, StatsSample s, StatsSample? p) => new Dictionary<string, object?>
    {
        ["read"] = GoTime.Format(s.Read),
        ["preread"] = GoTime.Format(p?.Read ?? default),
        ["pids_stats"] = new { current = s.Pids, limit = s.PidsLimit },
        ["blkio_stats"] = new
        {
            io_service_bytes_recursive = new[]
            {
                new { major = 0, minor = 0, op = "read", value = s.BlockRead },
                new { major = 0, minor = 0, op = "write", value = s.BlockWrite },
            },
        },
        ["num_procs"] = 0,
        ["storage_stats"] = new { },
        ["cpu_stats"] = Cpu(s),
        ["precpu_stats"] = Cpu(p ?? new StatsSample()),
        ["memory_stats"] = s.MemoryUsage == 0 ? new { } : new { usage = s.MemoryUsage, stats = s.MemoryStats, limit = s.MemoryLimit },
        ["name"] = "/" + c.Name,
        ["id"] = c.Id,
        ["networks"] = s.Networks.ToDictionary(n => n.Key, n => new
        {
            rx_bytes = n.Value.RxBytes, rx_packets = n.Value.RxPackets, rx_errors = n.Value.RxErrors, rx_dropped = n.Value.RxDropped,
            tx_bytes = n.Value.TxBytes, tx_packets = n.Value.TxPackets, tx_errors = n.Value.TxErrors, tx_dropped = n.Value.TxDropped,
        }),
    };

    private static object Cpu(StatsSample s) => new
    {
        cpu_usage = new { total_usage = s.CpuTotalNs, usage_in_kernelmode = s.CpuKernelNs, usage_in_usermode = s.CpuUserNs },
        system_cpu_usage = s.SystemCpuNs,
        online_cpus = s.OnlineCpus,
        throttling_data = new { periods = 0, throttled_periods = 0, throttled_time = 0 },
    };
}
