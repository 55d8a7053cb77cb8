using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>dockerd's network settings on berthd: <c>--fixed-cidr</c> and <c>--default-address-pool</c>. Uses a daemon of its own.</summary>
public sealed class DaemonNetworkSettingsTests : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new()
    {
        ExtraArgs = ["--fixed-cidr", "10.199.128.0/24", "--default-address-pool", "base=10.94.0.0/16,size=26"],
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
}
