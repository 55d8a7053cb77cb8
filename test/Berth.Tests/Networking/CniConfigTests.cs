using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class CniConfigTests
{
    private static readonly BridgeConfig s_bridge = BridgeConfig.Parse("berth0", "172.30.0.1/16");

    private static JsonObject Conflist(string ipamDir, int mtu = 0) =>
        CniConfig.Conflist(s_bridge.Bridge, [new AddressRange(s_bridge.Network(), s_bridge.Gateway)], ipamDir, mtu: mtu);

    [Fact]
    public void Bip_gives_the_gateway_and_the_subnet()
    {
        Assert.Equal("172.30.0.0/16", s_bridge.Subnet);
        Assert.Equal("172.30.0.1", s_bridge.Gateway.ToString());
        Assert.Equal("10.1.2.0/24", BridgeConfig.Parse("b", "10.1.2.254/24").Subnet);
    }

    [Theory]
    [InlineData("berth0", "172.30.0.1")]
    [InlineData("berth0", "172.30.0.0/16")]
    [InlineData("berth0", "fd00::1/64")]
    [InlineData("berth0", "172.30.0.1/31")]
    [InlineData("a-name-longer-than-15", "172.30.0.1/16")]
    public void Bad_bridge_settings_are_refused(string bridge, string bip) =>
        Assert.Throws<BerthException>(() => BridgeConfig.Parse(bridge, bip));

    [Fact]
    public void The_conflist_chains_bridge_and_portmap_on_the_configured_bridge()
    {
        var list = Conflist("/data/network/ipam");
        Assert.Equal("1.0.0", list["cniVersion"]!.GetValue<string>());
        Assert.Equal("bridge", list["name"]!.GetValue<string>());
        var plugins = list["plugins"]!.AsArray();
        Assert.Equal(["bridge", "portmap"], plugins.Select(p => p!["type"]!.GetValue<string>()));
        var bridge = plugins[0]!;
        Assert.Equal("berth0", bridge["bridge"]!.GetValue<string>());
        Assert.True(bridge["isGateway"]!.GetValue<bool>());
        Assert.False(bridge["ipMasq"]!.GetValue<bool>()); // masquerade is the network's rule, not the container's
        var range = bridge["ipam"]!["ranges"]![0]![0]!;
        Assert.Equal("172.30.0.0/16", range["subnet"]!.GetValue<string>());
        Assert.Equal("172.30.0.1", range["gateway"]!.GetValue<string>());
        Assert.Equal("/data/network/ipam", bridge["ipam"]!["dataDir"]!.GetValue<string>());
    }

    [Fact]
    public void Portmap_runs_only_for_a_container_with_published_ports()
    {
        var plugins = Conflist("/ipam")["plugins"]!.AsArray().Cast<JsonObject>().ToList();
        Assert.Equal(["bridge"], plugins.Where(p => CniConfig.IsNeeded(p, [])).Select(p => p["type"]!.GetValue<string>()));
        Assert.Equal(["bridge", "portmap"], plugins.Where(p => CniConfig.IsNeeded(p, [new PublishedPort(80, "tcp", "", 8080)]))
            .Select(p => p["type"]!.GetValue<string>()));
    }

    [Fact]
    public void A_plugin_gets_name_version_prevResult_and_only_the_runtimeConfig_it_asked_for()
    {
        var list = Conflist("/ipam");
        var prev = JsonNode.Parse("""{"cniVersion":"1.0.0","ips":[]}""");
        PublishedPort[] ports = [new(80, "tcp", "0.0.0.0", 8080), new(53, "udp", "127.0.0.1", 5353)];

        var portmap = CniConfig.ForPlugin(list, (JsonObject)list["plugins"]![1]!, prev, ports);
        Assert.Equal("bridge", portmap["name"]!.GetValue<string>());
        Assert.Equal("1.0.0", portmap["cniVersion"]!.GetValue<string>());
        Assert.NotNull(portmap["prevResult"]);
        Assert.Null(portmap["capabilities"]);
        Assert.Equal("""[{"hostPort":8080,"containerPort":80,"protocol":"tcp"},{"hostPort":5353,"containerPort":53,"protocol":"udp","hostIP":"127.0.0.1"}]""",
            portmap["runtimeConfig"]!["portMappings"]!.ToJsonString());

        var bridge = CniConfig.ForPlugin(list, (JsonObject)list["plugins"]![0]!, null, ports);
        Assert.Null(bridge["runtimeConfig"]);
        Assert.Null(bridge["prevResult"]);
    }

    [Fact]
    public void The_result_gives_the_sandbox_interfaces_address_gateway_and_mac()
    {
        const string json = """
            {"cniVersion":"1.0.0",
             "interfaces":[{"name":"berth0","mac":"aa:aa:aa:aa:aa:aa"},{"name":"veth1","mac":"bb:bb:bb:bb:bb:bb"},
                           {"name":"eth0","mac":"02:42:ac:1e:00:02","sandbox":"/run/berth/netns/x"}],
             "ips":[{"interface":2,"address":"172.30.0.2/16","gateway":"172.30.0.1"}],
             "routes":[{"dst":"0.0.0.0/0"}],"dns":{}}
            """;
        Assert.Equal(new CniResult("172.30.0.2", 16, "172.30.0.1", "02:42:ac:1e:00:02"), CniResult.Parse(json));
    }

    [Fact]
    public void A_result_without_an_ipv4_address_is_an_error() =>
        Assert.Throws<BerthException>(() => CniResult.Parse("""{"cniVersion":"1.0.0","ips":[{"address":"fd00::2/64"}]}"""));

    [Fact]
    public void A_fixed_address_and_mac_go_to_the_bridge_plugin_as_runtime_config()
    {
        var list = Conflist("/ipam", mtu: 1400);
        var bridge = list["plugins"]![0]!.AsObject();
        Assert.Equal(1400, bridge["mtu"]!.GetValue<int>());
        var config = CniConfig.ForPlugin(list, bridge, null, [], new EndpointConfig { IPv4Address = "172.30.5.5", MacAddress = "02:42:aa:bb:cc:dd" });
        Assert.Equal("[\"172.30.5.5\"]", config["runtimeConfig"]!["ips"]!.ToJsonString());
        Assert.Equal("02:42:aa:bb:cc:dd", config["runtimeConfig"]!["mac"]!.GetValue<string>());
        Assert.Null(config["capabilities"]);
        Assert.Null(CniConfig.ForPlugin(list, bridge, null, [], new EndpointConfig())["runtimeConfig"]);
    }

    [Fact]
    public void A_dual_stack_network_has_a_range_set_and_a_default_route_per_family()
    {
        var list = CniConfig.Conflist("br-x", [
            new AddressRange(System.Net.IPNetwork.Parse("10.5.0.0/24"), System.Net.IPAddress.Parse("10.5.0.1")),
            new AddressRange(System.Net.IPNetwork.Parse("fd00:b1::/64"), System.Net.IPAddress.Parse("fd00:b1::1")),
        ], "/ipam", "n6");
        var ipam = list["plugins"]![0]!["ipam"]!;
        Assert.Equal("""[[{"subnet":"10.5.0.0/24","gateway":"10.5.0.1"}],[{"subnet":"fd00:b1::/64","gateway":"fd00:b1::1"}]]""", ipam["ranges"]!.ToJsonString());
        Assert.Equal("""[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]""", ipam["routes"]!.ToJsonString());
        var bridge = CniConfig.ForPlugin(list, list["plugins"]![0]!.AsObject(), null, [], new EndpointConfig { IPv4Address = "10.5.0.9", IPv6Address = "fd00:b1::9" });
        Assert.Equal("""["10.5.0.9","fd00:b1::9"]""", bridge["runtimeConfig"]!["ips"]!.ToJsonString());
    }

    [Fact]
    public void Auxiliary_addresses_split_the_range_around_them()
    {
        var range = new AddressRange(System.Net.IPNetwork.Parse("10.77.0.0/24"), System.Net.IPAddress.Parse("10.77.0.1"),
            System.Net.IPNetwork.Parse("10.77.0.128/28"), [System.Net.IPAddress.Parse("10.77.0.129"), System.Net.IPAddress.Parse("10.77.0.5"), System.Net.IPAddress.Parse("10.77.0.142")]);
        Assert.Equal("""[{"subnet":"10.77.0.0/24","gateway":"10.77.0.1","rangeStart":"10.77.0.130","rangeEnd":"10.77.0.141"}]""", range.ToRangeSet().ToJsonString());
        var whole = new AddressRange(System.Net.IPNetwork.Parse("fd00:b1::/120"), System.Net.IPAddress.Parse("fd00:b1::1"), null, [System.Net.IPAddress.Parse("fd00:b1::10")]);
        Assert.Equal("""[{"subnet":"fd00:b1::/120","gateway":"fd00:b1::1","rangeStart":"fd00:b1::1","rangeEnd":"fd00:b1::f"},"""
            + """{"subnet":"fd00:b1::/120","gateway":"fd00:b1::1","rangeStart":"fd00:b1::11","rangeEnd":"fd00:b1::ff"}]""", whole.ToRangeSet().ToJsonString());
    }

    [Fact]
    public void The_result_gives_the_ipv6_address_beside_the_ipv4_one()
    {
        const string json = """
            {"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"02:42:ac:1e:00:02","sandbox":"/x"}],
             "ips":[{"interface":0,"address":"fd00:b1::2/64","gateway":"fd00:b1::1"},{"interface":0,"address":"10.5.0.2/24","gateway":"10.5.0.1"}]}
            """;
        Assert.Equal(new CniResult("10.5.0.2", 24, "10.5.0.1", "02:42:ac:1e:00:02") { IPv6Address = "fd00:b1::2", IPv6PrefixLength = 64, IPv6Gateway = "fd00:b1::1" },
            CniResult.Parse(json));
    }

    [Fact]
    public void The_default_bridge_takes_an_ipv6_subnet_beside_its_own()
    {
        Assert.Equal("fd00:9::/64", BridgeConfig.Parse("b", "10.1.2.1/24", null, "fd00:9::/64").FixedCidrV6!.ToString());
        Assert.Null(BridgeConfig.Parse("b", "10.1.2.1/24").FixedCidrV6);
        Assert.Throws<BerthException>(() => BridgeConfig.Parse("b", "10.1.2.1/24", null, "10.9.0.0/16"));
    }
}
