using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker ps --filter</c> before, since, network, health, volume, publish and expose, as dockerd 20.10 answers them.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ContainerListFilterTests(DaemonFixture daemon)
{
    private async Task<string> Names(string filter)
    {
        var r = await daemon.Docker("ps", "-a", "--filter", "name=lsf-", "--filter", filter, "--format", "{{.Names}}");
        Assert.True(r.ExitCode == 0, r.ToString());
        return string.Join(' ', r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [RequiresRootFact]
    public async Task Ps_filters_by_creation_order_network_mounts_and_ports()
    {
        string bindDir = Directory.CreateTempSubdirectory("lsf-bind").FullName;
        try
        {
            await daemon.DockerOk("network", "create", "lsf-net");
            await daemon.DockerOk("run", "-d", "--name", "lsf-1", "-v", "lsf-vol:/data", "busybox", "sleep", "300");
            await daemon.DockerOk("run", "-d", "--name", "lsf-2", "--network", "lsf-net", "-p", "18431:80", "--expose", "9431", "busybox", "sleep", "300");
            await daemon.DockerOk("create", "--name", "lsf-3", "-v", bindDir + ":/hostdir", "busybox", "true");

            Assert.Equal("lsf-1", await Names("before=lsf-2"));
            Assert.Equal("lsf-3 lsf-2", await Names("since=lsf-1"));
            Assert.Equal("lsf-2", await Names("network=lsf-net"));
            Assert.Equal("lsf-3 lsf-1", await Names("network=bridge"));
            Assert.Equal("lsf-3 lsf-2 lsf-1", await Names("health=none"));
            Assert.Equal("", await Names("health=healthy"));
            Assert.Equal("lsf-1", await Names("volume=lsf-vol"));
            Assert.Equal("lsf-1", await Names("volume=/data"));
            Assert.Equal("lsf-3", await Names("volume=" + bindDir));
            Assert.Equal("lsf-3", await Names("volume=/hostdir"));
            Assert.Equal("lsf-2", await Names("publish=18431"));
            Assert.Equal("lsf-2", await Names("publish=18400-18500/tcp"));
            Assert.Equal("", await Names("publish=80"));
            Assert.Equal("lsf-2", await Names("expose=80"));
            Assert.Equal("lsf-2", await Names("expose=9431"));
            Assert.Equal("", await Names("expose=9431/udp"));

            var bad = await daemon.Docker("ps", "--filter", "health=bad");
            Assert.Contains("Unrecognised filter value for health: bad", bad.Stderr);
            bad = await daemon.Docker("ps", "--filter", "publish=x");
            Assert.Contains("error while looking up for publish x: strconv.ParseUint: parsing \"x\": invalid syntax", bad.Stderr);
            bad = await daemon.Docker("ps", "--filter", "before=lsf-nope");
            Assert.NotEqual(0, bad.ExitCode);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lsf-1", "lsf-2", "lsf-3");
            await daemon.Docker("network", "rm", "lsf-net");
            await daemon.Docker("volume", "rm", "-f", "lsf-vol");
            Directory.Delete(bindDir, true);
        }
    }

    [RequiresRootFact]
    public async Task Ps_filter_values_dockerd_refuses_and_task_and_expose_of_a_stopped_container()
    {
        try
        {
            await daemon.DockerOk("create", "--name", "lsf-exposed", "--expose", "9432", "busybox", "true");
            Assert.Equal("", await Names("expose=9432")); // dockerd matches the ports ps lists: none before it runs
            Assert.Equal("lsf-exposed", await Names("is-task=false"));
            Assert.Equal("", await Names("is-task=true"));

            var bad = await daemon.Docker("ps", "--filter", "status=bogus");
            Assert.Equal((1, "Error response from daemon: invalid filter 'status=bogus'\n"), (bad.ExitCode, bad.Stderr));
            bad = await daemon.Docker("ps", "--filter", "is-task=maybe");
            Assert.Equal("Error response from daemon: invalid filter 'is-task=maybe'\n", bad.Stderr);
            bad = await daemon.Docker("ps", "--filter", "exited=x");
            Assert.Equal("Error response from daemon: strconv.Atoi: parsing \"x\": invalid syntax\n", bad.Stderr);
            bad = await daemon.Docker("ps", "--filter", "before=lsf-nope");
            Assert.Equal("Error response from daemon: no such container lsf-nope\n", bad.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lsf-exposed");
        }
    }

    [RequiresRootFact]
    public async Task Ps_shows_sizes_with_s_and_quotes_arguments_with_spaces()
    {
        try
        {
            await daemon.DockerOk("run", "--name", "lsf-sized", "busybox", "sh", "-c", "head -c 1000 /dev/zero > /f");
            var row = await daemon.DockerOk("ps", "-a", "-s", "--no-trunc", "--filter", "name=lsf-sized", "--format", "{{.Command}}|{{.Size}}");
            Assert.Matches(@"^""sh -c 'head -c 1000 /dev/zero > /f'""\|1(\.\d+)?kB \(virtual \d+(\.\d+)?MB\)$", row);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lsf-sized");
        }
    }
}
