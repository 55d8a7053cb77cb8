using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth network ...</c>, each compared with what the docker CLI prints against the same daemon.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliNetworkTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task Create_ls_inspect_connect_disconnect_rm_match_docker()
    {
        var created = await Berth("network", "create", "--subnet", "10.231.0.0/24", "--gateway", "10.231.0.1", "--ip-range", "10.231.0.128/25",
            "--label", "team=cli", "-o", "com.docker.network.bridge.name=brcli0", "clinet");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches("^[0-9a-f]{64}\n$", created.Stdout);
        var internalNet = await Berth("network", "create", "-d", "bridge", "--internal", "clinet2");
        Assert.True(internalNet.ExitCode == 0, internalNet.ToString());
        string id = (await Berth("run", "-d", "--name", "cli-net-c", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            await AssertSame("network", "ls");
            await AssertSame("network", "list", "--no-trunc");
            await AssertSame("network", "ls", "-q");
            await AssertSame("network", "ls", "--filter", "label=team=cli", "--format", "{{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.Labels}}");
            await AssertSame("network", "ls", "--format", "table {{.Name}}\t{{.IPv6}}\t{{.Label \"team\"}}");
            await AssertSame("network", "ls", "--format", "json");
            await AssertSame("network", "inspect", "clinet");
            await AssertSame("network", "inspect", "-f", "{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}} {{.Internal}}", "clinet", "clinet2");
            await AssertSame("network", "inspect", "nosuchnet");
            await AssertSame("network", "create", "clinet");
            await AssertSame("network", "create", "--gateway", "10.9.9.1", "x");
            await AssertSame("network", "create", "--subnet", "10.232.0.0/24", "--gateway", "10.9.9.1", "x");

            Assert.Equal(0, (await Berth("network", "connect", "--alias", "web", "--ip", "10.231.0.200", "clinet", "cli-net-c")).ExitCode);
            Assert.Equal("10.231.0.200 [web]\n", (await Berth("inspect", "-f", "{{with index .NetworkSettings.Networks \"clinet\"}}{{.IPAddress}} {{.Aliases}}{{end}}", id)).Stdout);
            await AssertSame("network", "connect", "clinet", "cli-net-c");
            await AssertSame("network", "connect", "nosuchnet", "cli-net-c");
            await AssertSame("network", "rm", "clinet");
            Assert.Equal(0, (await Berth("network", "disconnect", "clinet", "cli-net-c")).ExitCode);
            await AssertSame("network", "disconnect", "clinet", "cli-net-c");
            await AssertSame("network", "disconnect", "-f", "clinet", "nosuchcontainer");
            await AssertSame("network", "rm", "nosuchnet", "bridge");
            await AssertSame("network", "rm", "-f", "nosuchnet");

            var removed = await Berth("network", "remove", "clinet", "nosuchnet", "clinet2");
            Assert.Equal(1, removed.ExitCode);
            Assert.Equal("clinet\nclinet2\n", removed.Stdout);
            Assert.Equal("Error response from daemon: network nosuchnet not found\nexit status 1\n", removed.Stderr);
        }
        finally
        {
            await Berth("rm", "-f", id);
            await Berth("network", "rm", "clinet", "clinet2");
        }
    }

    [RequiresRootFact]
    public async Task Prune_matches_docker()
    {
        Assert.Equal(0, (await Berth("network", "create", "cliprune")).ExitCode);
        var cancelled = await daemon.BerthWith("n\n"u8.ToArray(), "network", "prune");
        var dockerCancelled = await daemon.DockerWith("n\n"u8.ToArray(), "network", "prune");
        Assert.True(dockerCancelled.ToString() == cancelled.ToString(), dockerCancelled + "\n----\n" + cancelled);

        var dockerPruned = await daemon.DockerWith("y\n"u8.ToArray(), "network", "prune");
        Assert.Equal(0, (await Berth("network", "create", "cliprune")).ExitCode);
        var pruned = await daemon.BerthWith("y\n"u8.ToArray(), "network", "prune");
        Assert.Equal(dockerPruned.ToString(), pruned.ToString());
        Assert.Contains("Deleted Networks:\ncliprune\n", pruned.Stdout);
        await AssertSame("network", "prune", "-f");
    }

    [RequiresRootFact]
    public async Task Help_and_usage_errors_match_docker()
    {
        foreach (var command in new[] { "create", "ls", "inspect", "rm", "prune", "connect", "disconnect" })
        {
            var docker = await daemon.Docker("network", command, "--help");
            var berth = await Berth("network", command, "--help");
            Assert.Equal(docker.Stdout.Replace("docker network", "berth network").Replace("docker ", "berth "), berth.Stdout);
        }

        await AssertSame("network");
        await AssertSame("network", "--help");
        await AssertSame("network", "create");
        await AssertSame("network", "connect", "x");
        await AssertSame("network", "ls", "extra");
        await AssertSame("network", "ls", "--bogus");
    }

    private async Task AssertSame(params string[] args)
    {
        var docker = await daemon.Docker(args);
        var berth = await Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout.Replace("docker ", "berth "), berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
    }
}
