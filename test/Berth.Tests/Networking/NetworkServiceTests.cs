using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Events;
using Berth.Engine.Metadata;
using Berth.Engine.Networking;
using Berth.Engine.Services;
using Berth.Linux.Cni;
using Berth.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Tests.Networking;

/// <summary>What the network service decides from the containers it is told about (no CNI, no iptables reached).</summary>
public sealed class NetworkServiceTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MetadataStore _metadata;
    private readonly FakeContainerCatalog _containers = new();
    private readonly NetworkService _network;
    private readonly NetworkDefinition _backend = new()
    {
        Id = new string('e', 64), Name = "backend", Bridge = "br-eeeeeeeeeeee", Subnet = "172.31.0.0/16", Gateway = "172.31.0.1", Created = DateTime.UtcNow,
    };

    public NetworkServiceTests()
    {
        var paths = new DaemonPaths(_dir["data"], _dir["exec"]);
        paths.Create();
        _metadata = new MetadataStore(paths.Database);
        _network = new NetworkService(paths, BridgeConfig.Parse(BridgeConfig.DefaultBridge, BridgeConfig.DefaultBip), AddressPools.Default,
            new CniPlugin(_dir["cni"]), new PortAllocator(), _metadata, _containers, new EventLog(_metadata), NullLogger<NetworkService>.Instance);
        var onBackend = EngineParts.Stored("cccc3333", "api", ContainerStatus.Running);
        onBackend = onBackend with
        {
            State = onBackend.State with
            {
                Networks = [new NetworkAttachment
                {
                    Network = "backend", SandboxKey = "/run/netns/x", IPAddress = "172.31.0.2", IPPrefixLen = 16, Gateway = "172.31.0.1", MacAddress = "02:42:ac:1f:00:02",
                }],
            },
        };
        _containers.Containers.Add(onBackend);
        _containers.Containers.Add(EngineParts.Stored("dddd4444", "old", ContainerStatus.Exited));
        _metadata.InsertNetwork(_backend);
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Network_rm_is_refused_while_a_running_container_is_on_it()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => _network.RemoveNetworkAsync("backend", CancellationToken.None));

        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal($"error while removing network: network backend id {_backend.Id} has active endpoints", e.Message);
        Assert.NotNull(_network.FindUserNetwork("backend"));
    }

    [Fact]
    public async Task Network_rm_of_a_predefined_network_is_forbidden()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => _network.RemoveNetworkAsync("bridge", CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, e.Kind);
        Assert.Equal("bridge is a pre-defined network and cannot be removed", e.Message);
    }

    [Fact]
    public async Task Prune_keeps_a_network_a_running_container_is_on()
    {
        var deleted = await _network.PruneAsync(_ => true, CancellationToken.None);

        Assert.Empty(deleted);
        Assert.NotNull(_network.FindUserNetwork("backend"));
    }

    [Fact]
    public void Attached_lists_the_containers_on_a_network_with_their_addresses()
    {
        var attached = _network.AttachedTo("backend");

        var (container, attachment) = Assert.Single(attached);
        Assert.Equal("api", container.Name);
        Assert.Equal("172.31.0.2", attachment.IPAddress);
        Assert.Empty(_network.AttachedTo("bridge"));
    }

    private NetworkDefinition Create(string name, bool ipv6, params IpamConfig[] ipam) =>
        _network.CreateNetwork(new NetworkRequest(name, "bridge", ipam, ipv6, false, [], []));

    [Fact]
    public void An_ipv6_subnet_alone_gets_an_ipv4_one_from_the_pools_beside_it()
    {
        var n = Create("dual", true, new IpamConfig { Subnet = "fd00:b1::/64" });
        Assert.True(n.EnableIPv6);
        Assert.StartsWith("10.90.", n.Subnet);
        Assert.True(n.GatewayShown);
        Assert.Equal(new IpamConfig { Subnet = "fd00:b1::/64", AuxiliaryAddresses = n.IPv6!.AuxiliaryAddresses }, n.IPv6);
        Assert.Equal("fd00:b1::1", BridgeNetwork.GatewayOf(n.IPv6).ToString());
        Assert.False(Create("given", false, new IpamConfig { Subnet = "10.61.0.0/24" }).GatewayShown);
    }

    [Fact]
    public void Ipv6_subnets_are_refused_as_docker_refuses_them()
    {
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => Create("nopool", true)).Kind);
        var two = Assert.Throws<BerthException>(() => Create("two", true, new IpamConfig { Subnet = "fd00:1::/64" }, new IpamConfig { Subnet = "fd00:2::/64" }));
        Assert.Equal((ErrorKind.Forbidden, "bridge driver doesn't support multiple subnets"), (two.Kind, two.Message));
        Create("first", true, new IpamConfig { Subnet = "fd00:3::/64" });
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<BerthException>(() => Create("overlap", true, new IpamConfig { Subnet = "fd00:3::/80" })).Kind);
    }

    [Fact]
    public void Auxiliary_addresses_must_be_addresses_of_the_subnet()
    {
        var outside = Assert.Throws<BerthException>(() => Create("aux", false,
            new IpamConfig { Subnet = "10.62.0.0/24", AuxiliaryAddresses = new() { ["x"] = "10.63.0.1" } }));
        Assert.Equal((ErrorKind.Forbidden, "auxiliary address: (x:10.63.0.1) must belong to the master pool: 10.62.0.0/24"), (outside.Kind, outside.Message));
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Create("aux", false,
            new IpamConfig { Subnet = "10.62.0.0/24", AuxiliaryAddresses = new() { ["x"] = "zz" } })).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => Create("aux", false,
            new IpamConfig { Subnet = "10.62.0.0/24", IPRange = "10.63.0.0/28" })).Kind);
    }

    [Theory]
    [InlineData("my net")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Any_name_is_taken_and_an_odd_one_names_its_conflist_by_the_id(string name)
    {
        var n = Create(name, false);
        Assert.Equal(name, _network.FindUserNetwork(name)!.Name);
        Assert.True(File.Exists(Path.Combine(_dir["data"], "network", n.Id + ".conflist")));
    }
}
