using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Piped stdin, pause/unpause, rename and top.</summary>
[Collection(DaemonCollection.Name)]
public sealed class InteractiveTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Run_i_feeds_stdin_and_closes_it_at_eof()
    {
        var r = await daemon.DockerWith("hi there\n"u8.ToArray(), "run", "-i", "--rm", "busybox", "cat");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("hi there\n", r.Stdout);
        var count = await daemon.DockerWith("a\nb\nc\n"u8.ToArray(), "run", "-i", "--rm", "busybox", "wc", "-l");
        Assert.Equal("3", count.Stdout.Trim());
    }

    [RequiresRootFact]
    public async Task Run_it_gives_a_terminal_of_the_clients_size_from_the_start()
    {
        var tty = await daemon.DockerAtTerminal(30, 100, "run", "--rm", "-it", "--network", "none", "busybox", "sh", "-c", "tty; stty size; exit 5");
        Assert.Equal(5, tty.ExitCode);
        // script(1) types a NUL when its own stdin (empty) ends, which the container's terminal
        // echoes as ^@ wherever it lands between the lines.
        Assert.Matches(@"^/dev/pts/0\r\n30 100\r\n", tty.Stdout.Replace("^@", ""));
        var plain = await daemon.Docker("run", "--rm", "-t", "--network", "none", "busybox", "echo", "hi");
        Assert.Equal("hi\r\n", plain.Stdout);
    }

    [RequiresRootFact]
    public async Task Pause_unpause_rename_and_top()
    {
        string id = (await daemon.Docker("run", "-d", "--name", "pausable", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            var top = await daemon.Docker("top", "pausable");
            Assert.Matches(@"^UID\s+PID\s+PPID", top.Stdout);
            Assert.Contains("sleep 1000", top.Stdout);

            Assert.Equal(0, (await daemon.Docker("pause", "pausable")).ExitCode);
            Assert.Equal("paused\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}}", id)).Stdout);
            Assert.Contains("(Paused)", (await daemon.Docker("ps", "--filter", "name=pausable")).Stdout);
            Assert.Equal(0, (await daemon.Docker("unpause", "pausable")).ExitCode);
            Assert.Equal("running\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}}", id)).Stdout);

            Assert.Equal(0, (await daemon.Docker("rename", "pausable", "renamed")).ExitCode);
            Assert.Equal("/renamed\n", (await daemon.Docker("inspect", "-f", "{{.Name}}", id)).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }
}
