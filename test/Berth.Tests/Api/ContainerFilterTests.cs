using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

/// <summary><c>GET /containers/json</c>'s filters before, since, network, health, volume, publish and expose filter as dockerd's.</summary>
public sealed class ContainerFilterTests
{
    private static Container Make(string name, int day, ContainerState? state = null, IReadOnlyList<MountPoint>? mounts = null,
        ContainerConfig? config = null, string networkMode = "default") => new()
    {
        Id = name.PadRight(64, '0'), Name = name, Created = new DateTime(2026, 1, day, 0, 0, 0, DateTimeKind.Utc), ImageId = "sha256:" + new string('b', 64),
        Config = config ?? new ContainerConfig(), HostConfig = new HostConfig { NetworkMode = networkMode }, Path = "sh", Args = [],
        State = state ?? new ContainerState(), Mounts = mounts ?? [],
    };

    private static NetworkAttachment On(string network, params PublishedPort[] ports) => new()
    {
        Network = network, SandboxKey = "", IPAddress = "10.0.0.2", IPPrefixLen = 24, Gateway = "10.0.0.1", MacAddress = "", Ports = ports,
    };

    private static readonly Container s_old = Make("a0", 1,
        mounts: [new MountPoint { Type = "volume", Name = "data", Source = "/var/lib/berth/volumes/data/_data", Destination = "/data" }]);
    private static readonly Container s_mid = Make("b1", 2, new ContainerState
    {
        Status = ContainerStatus.Running, Health = new HealthState { Status = "healthy" },
        Networks = [On("appnet", new PublishedPort(80, "tcp", "0.0.0.0", 8080))],
    }, networkMode: "appnet");
    private static readonly Container s_new = Make("c2", 3, new ContainerState { Status = ContainerStatus.Exited },
        [new MountPoint { Type = "bind", Source = "/srv/site", Destination = "/site" }],
        new ContainerConfig { ExposedPorts = new Dictionary<string, object> { ["53/udp"] = new(), ["9000/tcp"] = new() } });
    private static readonly Container[] s_all = [s_new, s_mid, s_old];

    private static Container Resolve(string name) =>
        s_all.FirstOrDefault(c => c.Name == name) ?? throw BerthException.NotFound($"No such container: {name}");

    private static string[] Matching(string filters)
    {
        var filter = ContainerFilter.Parse(filters, Resolve);
        var ids = new Dictionary<string, string> { ["appnet"] = "f00d" + new string('1', 60) };
        return s_all.Where(c => filter.Matches(c, _ => null, c == s_mid ? ids : new Dictionary<string, string>())).Select(c => c.Name).ToArray();
    }

    [Fact]
    public void Before_and_since_compare_with_the_named_containers_creation()
    {
        Assert.Equal(["a0"], Matching("""{"before":["b1"]}"""));
        Assert.Equal(["c2"], Matching("""{"since":["b1"]}"""));
        Assert.Equal(["b1"], Matching("""{"since":["a0"],"before":["c2"]}"""));
    }

    [Fact]
    public void A_missing_container_in_since_is_dockerds_500_in_its_words()
    {
        var e = Assert.Throws<BerthException>(() => ContainerFilter.Parse("""{"since":["nope"]}""", Resolve));
        Assert.Equal((ErrorKind.Internal, "no such container nope"), (e.Kind, e.Message));
    }

    [Theory]
    [InlineData("""{"status":["bogus"]}""", ErrorKind.InvalidArgument, "invalid filter 'status=bogus'")]
    [InlineData("""{"is-task":["maybe"]}""", ErrorKind.InvalidArgument, "invalid filter 'is-task=maybe'")]
    [InlineData("""{"is-task":["true","false"]}""", ErrorKind.InvalidArgument, "invalid filter 'is-task=true,false'")]
    [InlineData("""{"exited":["x"]}""", ErrorKind.InvalidArgument, "strconv.Atoi: parsing \"x\": invalid syntax")]
    public void Values_dockerd_refuses_are_refused_with_its_words(string filters, ErrorKind kind, string message)
    {
        var e = Assert.Throws<BerthException>(() => ContainerFilter.Parse(filters, Resolve));
        Assert.Equal((kind, message), (e.Kind, e.Message));
    }

    [Fact]
    public void No_container_is_a_swarm_task()
    {
        Assert.Empty(Matching("""{"is-task":["true"]}"""));
        Assert.Equal(["c2", "b1", "a0"], Matching("""{"is-task":["false"]}"""));
        Assert.Equal(["c2"], Matching("""{"status":["exited"],"exited":["0"]}"""));
    }

    [Fact]
    public void Health_is_the_probe_status_or_none()
    {
        Assert.Equal(["b1"], Matching("""{"health":["healthy"]}"""));
        Assert.Equal(["c2", "a0"], Matching("""{"health":["none"]}"""));
        Assert.Empty(Matching("""{"health":["starting"]}"""));
        var e = Assert.Throws<BerthException>(() => ContainerFilter.Parse("""{"health":["sick"]}""", Resolve));
        Assert.Equal("Unrecognised filter value for health: sick", e.Message);
    }

    [Fact]
    public void Network_matches_a_name_or_an_id_prefix()
    {
        Assert.Equal(["b1"], Matching("""{"network":["appnet"]}"""));
        Assert.Equal(["b1"], Matching("""{"network":["f00d"]}"""));
        Assert.Equal(["c2", "a0"], Matching("""{"network":["bridge"]}"""));
        Assert.Empty(Matching("""{"network":["app"]}"""));
    }

    [Fact]
    public void Volume_matches_a_volume_name_a_bind_source_or_a_destination()
    {
        Assert.Equal(["a0"], Matching("""{"volume":["data"]}"""));
        Assert.Equal(["a0"], Matching("""{"volume":["/data"]}"""));
        Assert.Equal(["c2"], Matching("""{"volume":["/srv/site"]}"""));
        Assert.Equal(["c2", "a0"], Matching("""{"volume":["/site","data"]}"""));
    }

    [Fact]
    public void Publish_matches_host_ports_and_expose_container_ports_with_ranges_and_protocols()
    {
        Assert.Equal(["b1"], Matching("""{"publish":["8080"]}"""));
        Assert.Equal(["b1"], Matching("""{"publish":["8000-8100/tcp"]}"""));
        Assert.Empty(Matching("""{"publish":["80"]}"""));
        Assert.Equal(["b1"], Matching("""{"expose":["80"]}"""));
        Assert.Empty(Matching("""{"expose":["53/udp"]}""")); // c2 exposes it, but is not running: dockerd lists no ports for it
        Assert.Empty(Matching("""{"expose":["53"]}"""));
        Assert.Equal(["b1"], Matching("""{"expose":["1-9000"]}"""));
        var e = Assert.Throws<BerthException>(() => ContainerFilter.Parse("""{"publish":["http"]}""", Resolve));
        Assert.Equal("error while looking up for publish http: strconv.ParseUint: parsing \"http\": invalid syntax", e.Message);
        e = Assert.Throws<BerthException>(() => ContainerFilter.Parse("""{"expose":["90-80"]}""", Resolve));
        Assert.Equal("error while looking up for expose 90-80: Invalid range specified for the Port: 90-80", e.Message);
    }
}
