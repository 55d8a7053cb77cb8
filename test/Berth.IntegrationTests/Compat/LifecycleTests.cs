using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>create, start, stop, restart, kill, rm — and their errors.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LifecycleTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Stop_sends_sigterm_to_a_container_that_handles_it()
    {
        string id = (await daemon.Docker("create", "busybox", "sh", "-c", "trap 'exit 7' TERM; while true; do sleep 0.1; done")).Stdout.Trim();
        Assert.Equal("created\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}}", id)).Stdout);
        Assert.Equal(0, (await daemon.Docker("start", id)).ExitCode);
        Assert.Equal("true\n", (await daemon.Docker("inspect", "-f", "{{.State.Running}}", id)).Stdout);
        var stop = await daemon.Docker("stop", id);
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal("exited 7\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id)).Stdout);
        await daemon.Docker("rm", id);
    }

    [RequiresRootFact]
    public async Task Stop_kills_a_container_that_ignores_sigterm_after_the_timeout()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sleep", "1000")).Stdout.Trim();
        var started = DateTime.UtcNow;
        Assert.Equal(0, (await daemon.Docker("stop", "-t", "1", id)).ExitCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
        Assert.Equal("137\n", (await daemon.Docker("inspect", "-f", "{{.State.ExitCode}}", id)).Stdout);

        Assert.Equal(0, (await daemon.Docker("restart", "-t", "1", id)).ExitCode);
        Assert.Equal("true\n", (await daemon.Docker("inspect", "-f", "{{.State.Running}}", id)).Stdout);

        var rm = await daemon.Docker("rm", id);
        Assert.Equal(1, rm.ExitCode);
        Assert.Contains("You cannot remove a running container", rm.Stderr);
        Assert.Equal(0, (await daemon.Docker("rm", "-f", id)).ExitCode);
        var gone = await daemon.Docker("inspect", id);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("No such object", gone.Stderr);
    }

    [RequiresRootFact]
    public async Task Kill_of_a_stopped_container_is_refused()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "true")).Stdout.Trim();
        await daemon.Docker("wait", id);
        var kill = await daemon.Docker("kill", id);
        Assert.Equal(1, kill.ExitCode);
        Assert.Contains("is not running", kill.Stderr);
        await daemon.Docker("rm", id);
    }

    [RequiresRootFact]
    public async Task Ps_lists_running_then_all_with_docker_columns()
    {
        string id = (await daemon.Docker("run", "-d", "--name", "pslisted", "busybox", "sleep", "1000")).Stdout.Trim();
        string done = (await daemon.Docker("run", "-d", "--name", "psdone", "busybox", "true")).Stdout.Trim();
        await daemon.Docker("wait", done);

        var ps = await daemon.Docker("ps");
        string[] lines = ps.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(id[..12]) && l.Contains("\"sleep 1000\"") && l.EndsWith("pslisted"));
        Assert.DoesNotContain(lines, l => l.Contains("psdone"));

        var all = await daemon.Docker("ps", "-a");
        Assert.Contains(all.Stdout.Split('\n'), l => l.Contains("Exited (0)") && l.EndsWith("psdone"));
        var quiet = await daemon.Docker("ps", "-aq");
        Assert.Contains(id[..12], quiet.Stdout);
        await daemon.Docker("rm", "-f", id, done);
    }
}
