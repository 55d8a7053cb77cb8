using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class PortRequestTests
{
    private static IReadOnlyList<PortRequest> From(Dictionary<string, List<PortBinding>?> bindings, bool all = false, params string[] exposed) =>
        PortRequest.From(new HostConfig { PortBindings = bindings.ToDictionary(b => b.Key, b => (IReadOnlyList<PortBinding>?)b.Value), PublishAllPorts = all },
            new ContainerConfig { ExposedPorts = exposed.ToDictionary(e => e, _ => (object)new()) });

    [Fact]
    public void Host_port_container_port_ip_and_protocol_are_read_from_the_bindings()
    {
        var r = From(new()
        {
            ["80/tcp"] = [new PortBinding { HostPort = "8080" }],
            ["53/udp"] = [new PortBinding { HostIp = "127.0.0.1", HostPort = "5353" }],
        });
        Assert.Equal([new PortRequest(53, "udp", "127.0.0.1", 5353, 5353), new PortRequest(80, "tcp", "", 8080, 8080)], r);
    }

    [Fact]
    public void An_empty_host_port_asks_for_a_random_one_and_a_range_for_one_of_it()
    {
        var r = From(new() { ["80/tcp"] = [new PortBinding()], ["81"] = [new PortBinding { HostPort = "9000-9010" }] });
        Assert.Equal([new PortRequest(80, "tcp", "", 0, 0), new PortRequest(81, "tcp", "", 9000, 9010)], r);
    }

    [Fact]
    public void Publish_all_adds_every_exposed_port_without_a_binding()
    {
        var r = From(new() { ["80/tcp"] = [new PortBinding { HostPort = "8080" }] }, all: true, "80/tcp", "443/tcp", "53/udp");
        Assert.Equal([new PortRequest(80, "tcp", "", 8080, 8080), new PortRequest(443, "tcp", "", 0, 0), new PortRequest(53, "udp", "", 0, 0)], r);
    }

    [Fact]
    public void Exposed_ports_are_not_published_without_publish_all() =>
        Assert.Empty(From(new(), all: false, "80/tcp"));

    [Theory]
    [InlineData("http/tcp", "8080")]
    [InlineData("80/icmp", "8080")]
    [InlineData("70000/tcp", "8080")]
    [InlineData("80/tcp", "eighty")]
    [InlineData("80/tcp", "9010-9000")]
    public void Malformed_specs_are_invalid_arguments(string key, string hostPort)
    {
        var e = Assert.Throws<BerthException>(() => From(new() { [key] = [new PortBinding { HostPort = hostPort }] }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void A_bad_host_ip_is_an_invalid_argument() =>
        Assert.Throws<BerthException>(() => From(new() { ["80/tcp"] = [new PortBinding { HostIp = "300.1.1.1", HostPort = "1" }] }));
}
