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

    [RequiresRootFact]
    public async Task Kill_rename_and_top_errors_in_dockerds_words()
    {
        string id = await daemon.DockerOk("run", "-d", "--name", "lce-run", "busybox", "sleep", "1000");
        try
        {
            var r = await daemon.Docker("kill", "-s", "99", "lce-run");
            Assert.Equal((1, "Error response from daemon: Cannot kill container: lce-run: The linux daemon does not support signal 99\n"), (r.ExitCode, r.Stderr));
            r = await daemon.Docker("kill", "lce-run-nope");
            Assert.Equal("Error response from daemon: Cannot kill container: lce-run-nope: No such container: lce-run-nope\n", r.Stderr);
            r = await daemon.Docker("kill", "-s", "BOGUS", "lce-run-nope"); // the signal is checked first
            Assert.Equal("Error response from daemon: Invalid signal: BOGUS\n", r.Stderr);

            await daemon.DockerOk("create", "--name", "lce-other", "busybox");
            r = await daemon.Docker("rename", "lce-other", "lce-run");
            Assert.StartsWith("Error response from daemon: Error when allocating new name: Conflict. The container name \"/lce-run\" is already in use by container", r.Stderr);
            r = await daemon.Docker("rename", "lce-other", "bad name");
            Assert.StartsWith("Error response from daemon: Error when allocating new name: Invalid container name (/bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n", r.Stderr);

            r = await daemon.Docker("top", "lce-run", "-o", "lce-bogus");
            Assert.Equal("Error response from daemon: ps: error: unknown user-defined format specifier \"lce-bogus\"\n", r.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lce-run", "lce-other");
        }
    }

    [RequiresRootFact]
    public async Task Prunes_refuse_an_until_that_is_neither_a_time_nor_a_duration()
    {
        foreach (var kind in new[] { "container", "image", "network" })
        {
            var r = await daemon.Docker(kind, "prune", "-f", "--filter", "until=lce-bogus");
            Assert.Equal((1, "Error response from daemon: failed to parse value as time or duration: \"lce-bogus\"\n"), (r.ExitCode, r.Stderr));
        }
        await daemon.DockerOk("create", "--name", "lce-pruned", "--label", "lce=1", "busybox");
        try
        {
            Assert.DoesNotContain("lce-pruned", await daemon.DockerOk("container", "prune", "-f", "--filter", "until=1h30m", "--filter", "label=lce"));
            Assert.NotEqual("", await daemon.DockerOk("ps", "-aq", "--filter", "name=lce-pruned"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lce-pruned");
        }
    }
}
