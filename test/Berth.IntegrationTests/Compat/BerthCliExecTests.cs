using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth exec</c> and <c>berth attach</c>, side by side with the docker CLI.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliExecTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task Exec_matches_docker_for_output_env_stdin_and_exit_codes()
    {
        string id = (await Berth("run", "-d", "--network", "none", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            await AssertSame(["exec", id, "echo", "hello"]);
            await AssertSame(["exec", id, "sh", "-c", "echo out; echo err >&2; exit 4"]);
            await AssertSame(["exec", "-e", "A=1", "-w", "/tmp", "-u", "nobody", id, "sh", "-c", "echo $A $(pwd) $(id -u)"]);
            // The daemon's message for a missing command races the end of the stream in the docker CLI
            // (under load it sometimes prints nothing); compare exit codes and check Berth's message.
            var missing = await Berth("container", "exec", id, "nosuchcmd");
            Assert.Equal((await daemon.Docker("container", "exec", id, "nosuchcmd")).ExitCode, missing.ExitCode);
            Assert.Contains("executable file not found in $PATH", missing.Stdout + missing.Stderr);
            var ttyMissing = await Berth("exec", "-t", id, "nosuchcmd");
            Assert.Equal((await daemon.Docker("exec", "-t", id, "nosuchcmd")).ExitCode, ttyMissing.ExitCode);
            Assert.StartsWith("OCI runtime exec failed", ttyMissing.Stdout + ttyMissing.Stderr);
            await AssertSame(["exec", "-t", id, "sh", "-c", "echo $TERM; exit 3"]);
            await AssertSame(["exec", "nosuchcontainer", "true"]);
            await AssertSame(["exec", id]);
            await AssertSame(["exec", "-it", id, "true"]);

            var envFile = Path.Combine(daemon.Dir, "exec.env");
            await File.WriteAllTextAsync(envFile, "# comment\nFROM_FILE=yes\n");
            await AssertSame(["exec", "--env-file", envFile, id, "sh", "-c", "echo $FROM_FILE"]);
            await AssertSame(["exec", "--privileged", id, "sh", "-c", "grep CapEff /proc/self/status"]);

            var piped = await daemon.BerthWith("piped\n"u8.ToArray(), "exec", "-i", id, "cat");
            Assert.Equal("piped\n", piped.Stdout);

            Assert.Equal(0, (await Berth("exec", "-d", id, "sh", "-c", "echo done > /tmp/detached")).ExitCode);
            await Task.Delay(500);
            Assert.Equal("done\n", (await Berth("exec", id, "cat", "/tmp/detached")).Stdout);

            var sized = await daemon.BerthAtTerminal(30, 100, "exec", "-it", id, "stty", "size");
            Assert.True(sized.ExitCode == 0, sized.ToString());
            Assert.Contains("30 100\r\n", sized.Stdout);

            Assert.Equal(0, (await Berth("stop", "-t", "0", id)).ExitCode);
            await AssertSame(["exec", id, "true"], id);
        }
        finally
        {
            await Berth("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Attach_streams_output_and_exits_with_the_container_code()
    {
        string id = (await Berth("run", "-d", "--network", "none", "busybox", "sh", "-c", "sleep 1; echo out; echo err >&2; exit 5")).Stdout.Trim();
        try
        {
            var attached = await Berth("attach", id);
            Assert.Equal(5, attached.ExitCode);
            Assert.Equal("out\n", attached.Stdout);
            Assert.Equal("err\n", attached.Stderr);
            await AssertSame(["attach", id]);
            await AssertSame(["container", "attach", "nosuchcontainer"]);
        }
        finally
        {
            await Berth("rm", "-f", id);
        }

        // As Docker's, the end of attach's input does not close the container's stdin: the process reads one line and exits.
        string cat = (await Berth("run", "-d", "-i", "--network", "none", "busybox", "sh", "-c", "read line; echo \"$line\"")).Stdout.Trim();
        try
        {
            var echoed = await daemon.BerthWith("through attach\n"u8.ToArray(), "attach", cat);
            Assert.Equal(0, echoed.ExitCode);
            Assert.Equal("through attach\n", echoed.Stdout);
        }
        finally
        {
            await Berth("rm", "-f", cat);
        }
    }

    [RequiresRootFact]
    public async Task Help_matches_docker()
    {
        foreach (var command in new[] { "exec", "attach" })
        {
            var docker = await daemon.Docker(command, "--help");
            var berth = await Berth(command, "--help");
            Assert.Equal(docker.Stdout.Replace("docker", "berth"), berth.Stdout);
        }
    }

    /// <summary>Runs the same command through both CLIs; stdout, stderr (with the program name swapped) and exit code must agree.</summary>
    private async Task AssertSame(string[] args, string? id = null)
    {
        var docker = await daemon.Docker(args);
        var berth = await Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout, berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
    }
}
