using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>The same user journeys through Berth's own CLI, <c>bin/berth</c>.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task Run_prints_and_exits_with_the_container_code()
    {
        var hello = await Berth("run", "--rm", "busybox", "echo", "hello");
        Assert.Equal("hello\n", hello.Stdout);
        Assert.Equal(0, hello.ExitCode);
        Assert.Equal(3, (await Berth("run", "--rm", "busybox", "sh", "-c", "exit 3")).ExitCode);
        var missing = await Berth("run", "--rm", "nosuchimage");
        Assert.Equal(125, missing.ExitCode);
        Assert.Contains("Unable to find image 'nosuchimage:latest' locally", missing.Stderr);
    }

    [RequiresRootFact]
    public async Task Detached_container_logs_ps_stop_and_rm()
    {
        string id = (await Berth("run", "-d", "--name", "cli-loop", "busybox", "sh", "-c", "while true; do echo Hello world; sleep 1; done")).Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        await Task.Delay(1500);
        Assert.StartsWith("Hello world\n", (await Berth("logs", id)).Stdout);
        var ps = await Berth("ps");
        Assert.Matches(@"^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES\n", ps.Stdout);
        Assert.Contains("cli-loop", ps.Stdout);
        Assert.Equal("true\n", (await Berth("inspect", "-f", "{{.State.Running}}", "cli-loop")).Stdout);
        Assert.Equal(0, (await Berth("stop", "-t", "1", "cli-loop")).ExitCode);
        Assert.Equal("137\n", (await Berth("wait", "cli-loop")).Stdout);
        Assert.Equal(0, (await Berth("rm", "cli-loop")).ExitCode);
    }

    [RequiresRootFact]
    public async Task Images_tag_and_rmi()
    {
        Assert.Contains("busybox", (await Berth("images")).Stdout);
        Assert.Equal(0, (await Berth("tag", "busybox", "busybox:cli")).ExitCode);
        Assert.Equal("Untagged: busybox:cli\n", (await Berth("rmi", "busybox:cli")).Stdout);
    }
    [RequiresRootFact]
    public async Task Run_it_and_start_ai_detach_with_the_keys_and_leave_the_container_running()
    {
        try
        {
            var run = await daemon.BerthTyping([new("echo one\r", After: "# "), new("\u0010\u0011", After: "one\r\n/ # ")],
                "run", "-it", "--name", "cli-detach", "--network", "none", "busybox", "sh");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("one\r\n", run.Stdout);
            Assert.Equal("running\n", (await Berth("inspect", "-f", "{{.State.Status}}", "cli-detach")).Stdout);

            // Ctrl-p on its own is typed into the container; the custom keys detach.
            var start = await daemon.BerthTyping([new("echo two\r", DelayMs: 1500), new("\u0010", After: "two\r\n/ # "), new("\u0015echo three\r"), new("\u0018x", After: "three\r\n/ # ")],
                "start", "-ai", "--detach-keys", "ctrl-x,x", "cli-detach");
            Assert.True(start.ExitCode == 0, start.ToString());
            Assert.Contains("two\r\n", start.Stdout);
            Assert.Contains("three\r\n", start.Stdout);
            Assert.Equal("running\n", (await Berth("inspect", "-f", "{{.State.Status}}", "cli-detach")).Stdout);
        }
        finally
        {
            await Berth("rm", "-f", "cli-detach");
        }
    }
}
