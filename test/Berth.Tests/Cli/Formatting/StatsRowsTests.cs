using System.Text.Json;
using Berth.Cli.Commands;
using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class StatsRowsTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // cgroup v1: no online_cpus (the per-CPU list counts them), total_inactive_file, "Read"/"Write"/"Sync"/"Total" ops.
    private const string CgroupV1 = """
        {"name":"/web","id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
         "cpu_stats":{"cpu_usage":{"total_usage":400000000,"percpu_usage":[1,2,3,4]},"system_cpu_usage":20000000000},
         "precpu_stats":{"cpu_usage":{"total_usage":200000000},"system_cpu_usage":18000000000},
         "memory_stats":{"usage":10485760,"limit":2147483648,"stats":{"total_inactive_file":2097152,"inactive_file":1}},
         "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":1500000},{"op":"Write","value":250000},
           {"op":"Sync","value":1750000},{"op":"Total","value":1750000}]},
         "pids_stats":{"current":3},
         "networks":{"eth0":{"rx_bytes":1200,"tx_bytes":0},"eth1":{"rx_bytes":34,"tx_bytes":0}}}
        """;

    // cgroup v2: online_cpus, inactive_file only, lowercase ops.
    private const string CgroupV2 = """
        {"name":"/db","id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
         "cpu_stats":{"cpu_usage":{"total_usage":1234000000},"system_cpu_usage":101000000000,"online_cpus":2},
         "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":100000000000,"online_cpus":2},
         "memory_stats":{"usage":24000000,"limit":25275990016,"stats":{"inactive_file":1000000}},
         "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"read","value":4096},{"major":8,"minor":0,"op":"write","value":8192}]},
         "pids_stats":{"current":12,"limit":18446744073709551615},
         "networks":{"eth0":{"rx_bytes":0,"tx_bytes":0}}}
        """;

    [Fact]
    public void Cgroup_v1_sample_renders_as_docker()
        => Assert.Equal(
            "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O       BLOCK I/O       PIDS\n"
            + "0123456789ab   web       40.00%    8MiB / 2GiB         0.39%     1.23kB / 0B   1.5MB / 250kB   3\n",
            Table(CgroupV1));

    [Fact]
    public void Cgroup_v2_sample_renders_as_docker()
        => Assert.Equal(
            "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT     MEM %     NET I/O   BLOCK I/O        PIDS\n"
            + "0123456789ab   db        46.80%    21.93MiB / 23.54GiB   0.09%     0B / 0B   4.1kB / 8.19kB   12\n",
            Table(CgroupV2));

    [Fact]
    public void First_sample_of_a_stream_without_precpu_counts_from_zero()
    {
        using var sample = JsonDocument.Parse("""{"cpu_stats":{"cpu_usage":{"total_usage":50},"system_cpu_usage":100,"online_cpus":2},"precpu_stats":{"cpu_usage":{}}}""");
        Assert.Equal(100.0, StatsSample.FromJson(sample.RootElement).CpuPercent);
    }

    [Fact]
    public void Invalid_row_and_row_without_sample()
    {
        var formatter = OutputFormatter.Create("{{.Container}}|{{.Name}}|{{.ID}}|{{.CPUPerc}}|{{.MemUsage}}|{{.MemPerc}}|{{.NetIO}}|{{.BlockIO}}|{{.PIDs}}", StatsRows.DefaultTable);
        var text = formatter.Render(
            [StatsRows.Create("gone", StatsSample.Empty, invalid: true, truncate: true), StatsRows.Create("abc", StatsSample.Empty, invalid: false, truncate: true)],
            StatsRows.Header());
        Assert.Equal("gone|--||--|-- / --|--|--|--|--\nabc|--||0.00%|0B / 0B|0.00%|0B / 0B|0B / 0B|0\n", text);
    }

    [Fact]
    public void Json_has_every_field_sorted()
    {
        using var sample = JsonDocument.Parse(CgroupV2);
        var row = StatsRows.Create("db", StatsSample.FromJson(sample.RootElement), invalid: false, truncate: false);
        Assert.Equal(
            "{\"BlockIO\":\"4.1kB / 8.19kB\",\"CPUPerc\":\"46.80%\",\"Container\":\"db\",\"ID\":\"" + Id
            + "\",\"MemPerc\":\"0.09%\",\"MemUsage\":\"21.93MiB / 23.54GiB\",\"Name\":\"db\",\"NetIO\":\"0B / 0B\",\"PIDs\":\"12\"}\n",
            OutputFormatter.Create("json", StatsRows.DefaultTable).Render([row], StatsRows.Header()));
    }

    [Fact]
    public void Streaming_frame_is_written_as_docker_writes_it()
        => Assert.Equal("\e[HA\nb\n\e[HA \e[K\nb \e[K\n \e[K\n\e[J", StatsCommand.Frame("A\nb\n"));

    private static string Table(string json)
    {
        using var sample = JsonDocument.Parse(json);
        var row = StatsRows.Create("x", StatsSample.FromJson(sample.RootElement), invalid: false, truncate: true);
        return OutputFormatter.Create("table", StatsRows.DefaultTable).Render([row], StatsRows.Header());
    }
}
