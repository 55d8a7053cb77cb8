using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker stats --no-stream</c> from the container's cgroup.</summary>
[Collection(DaemonCollection.Name)]
public sealed class StatsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task No_stream_shows_cpu_memory_limit_and_pids()
    {
        string id = (await daemon.Docker("run", "-d", "-m", "100m", "busybox", "sh", "-c", "while true; do :; done")).Stdout.Trim();
        try
        {
            await Task.Delay(500);
            var r = await daemon.Docker("stats", "--no-stream", "--format", "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}", id);
            Assert.Equal(0, r.ExitCode);
            string[] f = r.Stdout.Trim().Split(' ');
            Assert.True(double.Parse(f[1].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) > 1, r.Stdout); // a busy loop; a loaded machine gives it far less than a core
            Assert.Equal("100MiB", f[4]);
            Assert.Equal("1", f[5]);
            var all = await daemon.Docker("stats", "--no-stream");
            Assert.Contains(id[..12], all.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }
}
