using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth volume ...</c>, each compared with what the docker CLI prints against the same daemon.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliVolumeTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Create_ls_inspect_rm_prune_match_docker()
    {
        Assert.Equal("bcv-a\n", (await daemon.Berth("volume", "create", "--label", "bcv=1", "-o", "type=tmpfs", "-o", "device=tmpfs", "bcv-a")).Stdout);
        Assert.Equal("bcv-b\n", (await daemon.Berth("volume", "create", "-d", "local", "--label", "bcv=2", "bcv-b")).Stdout);
        string id = (await daemon.Berth("create", "-v", "bcv-b:/b", "busybox", "true")).Stdout.Trim();
        try
        {
            await AssertSame("volume", "ls", "-f", "label=bcv");
            await AssertSame("volume", "list", "-q", "-f", "label=bcv");
            await AssertSame("volume", "ls", "-f", "label=bcv", "--format", "{{.Name}} {{.Driver}} {{.Scope}} {{.Labels}} {{.Label \"bcv\"}} {{.Mountpoint}} {{.Size}} {{.Links}}");
            await AssertSame("volume", "ls", "-f", "label=bcv", "--format", "table {{.Name}}\t{{.Labels}}\t{{.Size}}");
            await AssertSame("volume", "ls", "-f", "label=bcv", "--format", "json");
            await AssertSame("volume", "ls", "-f", "label=bcv", "-f", "dangling=true");
            await AssertSame("volume", "inspect", "bcv-a", "bcv-b");
            await AssertSame("volume", "inspect", "-f", "{{.Name}} {{.Options}} {{.Labels}}", "bcv-a", "bcv-b");
            await AssertSame("volume", "inspect", "--format", "json", "bcv-a");
            await AssertSame("volume", "inspect", "bcv-nosuch");
            await AssertSame("volume", "create", "-o", "bad=1", "bcv-c");
            await AssertSame("volume", "rm", "bcv-b", "bcv-nosuch");
            await AssertSame("volume", "prune", "-a", "-f", "--filter", "label=bcv=9");
            await AssertSame("volume", "--help");
            await AssertSame("volume", "ls", "--help");
            await AssertSame("volume", "rm", "--help");
            await AssertSame("volume", "prune", "--help");
            await AssertSame("volume", "update", "bcv-a");
            await AssertSame("volume", "update", "bcv-nosuch");
        }
        finally
        {
            await daemon.Berth("rm", id);
        }
        Assert.Equal("Deleted Volumes:\nbcv-b\n\nTotal reclaimed space: 0B\n", (await daemon.Berth("volume", "prune", "-a", "-f", "--filter", "label=bcv=2")).Stdout);
        Assert.Equal("bcv-a\n", (await daemon.Berth("volume", "rm", "bcv-a")).Stdout);
    }

    private async Task AssertSame(params string[] args)
    {
        var docker = await daemon.Docker(args);
        var berth = await daemon.Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout.Replace("docker ", "berth "), berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
    }
}
