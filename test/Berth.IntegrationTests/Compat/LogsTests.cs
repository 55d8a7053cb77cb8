using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>A detached container and <c>docker logs</c>, as in the seed README's example.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LogsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Detached_loop_logs_tail_timestamps_kill_and_wait()
    {
        var run = await daemon.Docker("run", "-d", "busybox", "sh", "-c", "while true; do echo Hello world; sleep 1; done");
        Assert.Equal(0, run.ExitCode);
        string job = run.Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", job);
        await Task.Delay(2500);

        var logs = await daemon.Docker("logs", job);
        Assert.True(logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, logs.ToString());
        Assert.All(logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal("Hello world", l));

        var tail = await daemon.Docker("logs", "--tail", "1", "--timestamps", job);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z Hello world\n$", tail.Stdout);

        var ps = await daemon.Docker("ps", "--format", "{{.ID}} {{.Status}}");
        Assert.Contains(job[..12] + " Up", ps.Stdout);

        Assert.Equal(0, (await daemon.Docker("kill", job)).ExitCode);
        var wait = await daemon.Docker("wait", job);
        Assert.Equal("137\n", wait.Stdout);
        Assert.Equal(0, (await daemon.Docker("rm", job)).ExitCode);
    }

    [RequiresRootFact]
    public async Task Logs_follow_returns_when_the_container_exits()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.3; done")).Stdout.Trim();
        var follow = await daemon.Docker("logs", "-f", id);
        Assert.Equal("line 1\nline 2\nline 3\n", follow.Stdout);
        await daemon.Docker("rm", id);
    }
}
