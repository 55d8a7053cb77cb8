using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth pause/unpause/rename/top/port/update/container prune</c>, compared with the docker CLI.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliContainerTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task Pause_rename_top_port_update_match_docker()
    {
        string id = (await Berth("run", "-d", "--name", "cli-admin", "-p", "18080:80", "-p", "127.0.0.1:18081:81/udp", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            await AssertSame("port", "cli-admin");
            await AssertSame("port", "cli-admin", "80");
            await AssertSame("port", "cli-admin", "81/udp");
            await AssertSame("container", "port", "cli-admin", "82");
            await AssertSame("port", "cli-admin", "x");
            var top = await Berth("top", "cli-admin");
            Assert.Matches(@"^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD\n.*sleep 1000\n$", top.Stdout);
            await AssertSame("container", "top", "cli-admin", "-o", "pid,comm");

            Assert.Equal("cli-admin\n", (await Berth("pause", "cli-admin")).Stdout);
            Assert.Equal("paused\n", (await Berth("inspect", "-f", "{{.State.Status}}", id)).Stdout);
            await AssertSame("pause", "cli-admin");
            Assert.Equal("cli-admin\n", (await Berth("container", "unpause", "cli-admin")).Stdout);
            await AssertSame("unpause", "cli-admin", "nosuch");

            Assert.Equal(0, (await Berth("rename", "cli-admin", "cli-admin2")).ExitCode);
            Assert.Equal("/cli-admin2\n", (await Berth("inspect", "-f", "{{.Name}}", id)).Stdout);
            await AssertSame("rename", "nosuch", "x");
            await AssertSame("rename", "cli-admin2", " ");
            await AssertSame("rename", "cli-admin2");

            var updated = await Berth("update", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--cpu-shares", "512",
                "--pids-limit", "50", "--restart", "on-failure:3", "cli-admin2");
            Assert.True(updated.ExitCode == 0, updated.ToString());
            Assert.Equal("cli-admin2\n", updated.Stdout);
            Assert.Equal("67108864 134217728 500000000 512 50 on-failure 3\n", (await Berth("inspect", "-f",
                "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", id)).Stdout);
            await AssertSame("update", "cli-admin2");
            await AssertSame("update", "--memory", "64m", "nosuch");
        }
        finally
        {
            await Berth("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Container_prune_matches_docker()
    {
        string first = (await Berth("run", "-d", "busybox", "true")).Stdout.Trim();
        await Berth("wait", first);
        var cancelled = await daemon.BerthWith("n\n"u8.ToArray(), "container", "prune");
        Assert.Equal((await daemon.DockerWith("n\n"u8.ToArray(), "container", "prune")).ToString(), cancelled.ToString());

        var pruned = await daemon.BerthWith("y\n"u8.ToArray(), "container", "prune");
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        // Other classes' stopped containers on the shared daemon may go in the same prune.
        Assert.Matches($@"Deleted Containers:\n([0-9a-f]{{64}}\n)*{first}\n([0-9a-f]{{64}}\n)*\nTotal reclaimed space: ", pruned.Stdout);
        await AssertSame("container", "prune", "-f");
        await AssertSame("container", "prune", "-f", "--filter", "until=1h");
    }

    [RequiresRootFact]
    public async Task Help_matches_docker()
    {
        foreach (var command in new[] { "pause", "unpause", "rename", "top", "port", "update" })
        {
            Assert.Equal((await daemon.Docker(command, "--help")).Stdout.Replace("docker", "berth"), (await Berth(command, "--help")).Stdout);
        }

        Assert.Equal((await daemon.Docker("container", "prune", "--help")).Stdout.Replace("docker", "berth"), (await Berth("container", "prune", "--help")).Stdout);
    }

    private async Task AssertSame(params string[] args)
    {
        var docker = await daemon.Docker(args);
        var berth = await Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout, berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
    }
}
