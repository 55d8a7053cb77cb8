using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>dockerd's network settings on berthd: <c>--fixed-cidr</c>, <c>--ipv6 --fixed-cidr-v6</c> and <c>--default-address-pool</c>. Uses a daemon of its own.</summary>
public sealed class DaemonNetworkSettingsTests : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new()
    {
        ExtraArgs = ["--fixed-cidr", "10.199.128.0/24", "--default-address-pool", "base=10.94.0.0/16,size=26", "--ipv6", "--fixed-cidr-v6", "fd00:b7:9::/64"],
    };

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    [RequiresRootFact]
    public async Task Containers_get_addresses_from_the_fixed_cidr_and_networks_from_the_pools()
    {
        string ip = await _daemon.DockerOk("run", "--rm", "busybox", "sh", "-c", "ip -4 -o addr show eth0 | awk '{print $4}'");
        Assert.StartsWith("10.199.128.", ip);
        Assert.EndsWith("/16", ip); // the address is from the range, the subnet stays the bridge's
        await _daemon.DockerOk("network", "create", "pool-a");
        await _daemon.DockerOk("network", "create", "pool-b");
        try
        {
            Assert.Equal("10.94.0.0/26", await _daemon.DockerOk("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "pool-a"));
            Assert.Equal("10.94.0.64/26", await _daemon.DockerOk("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", "pool-b"));
        }
        finally
        {
            await _daemon.Docker("network", "rm", "pool-a", "pool-b");
        }
    }

    [RequiresRootFact]
    public async Task With_ipv6_the_default_bridge_gives_addresses_of_the_fixed_cidr_v6()
    {
        Assert.Equal("""true [{"Subnet":"10.199.0.0/16","Gateway":"10.199.0.1"},{"Subnet":"fd00:b7:9::/64"}]""",
            await _daemon.DockerOk("network", "inspect", "-f", "{{.EnableIPv6}} {{json .IPAM.Config}}", "bridge"));
        string id = await _daemon.DockerOk("run", "-d", "busybox", "sleep", "300");
        try
        {
            string[] v6 = (await _daemon.DockerOk("inspect", "-f", "{{.NetworkSettings.GlobalIPv6Address}} {{.NetworkSettings.GlobalIPv6PrefixLen}} {{.NetworkSettings.IPv6Gateway}}", id)).Split(' ');
            Assert.StartsWith("fd00:b7:9::", v6[0]);
            Assert.Equal(["64", "fd00:b7:9::1"], v6[1..]);
            Assert.Contains("1 packets received", await _daemon.DockerOk("exec", id, "ping6", "-c", "1", "-W", "5", "fd00:b7:9::1"));
        }
        finally
        {
            await _daemon.Docker("rm", "-f", id);
        }
    }
}
