using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class CniConfigTests
{
    private static readonly BridgeConfig s_bridge = BridgeConfig.Parse("berth0", "172.30.0.1/16");

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
    public void The_conflist_is_the_bridge_plugin_alone_on_the_configured_bridge()
    {
        var list = CniConfig.Conflist(s_bridge, "/data/network/ipam");
        Assert.Equal("1.0.0", list["cniVersion"]!.GetValue<string>());
        Assert.Equal("bridge", list["name"]!.GetValue<string>());
        var plugins = list["plugins"]!.AsArray();
        Assert.Equal(["bridge"], plugins.Select(p => p!["type"]!.GetValue<string>())); // ports are Berth's own rules
        var bridge = plugins[0]!;
        Assert.Equal("berth0", bridge["bridge"]!.GetValue<string>());
        Assert.True(bridge["isGateway"]!.GetValue<bool>());
        Assert.False(bridge["ipMasq"]!.GetValue<bool>()); // masquerade is the network's rule, not the container's
        var range = bridge["ipam"]!["ranges"]![0]![0]!;
        Assert.Equal("172.30.0.0/16", range["subnet"]!.GetValue<string>());
        Assert.Equal("172.30.0.1", range["gateway"]!.GetValue<string>());
        Assert.Equal("/data/network/ipam", bridge["ipam"]!["dataDir"]!.GetValue<string>());
    }

    /// <summary>A conflist that is not Berth's, with the portmap plugin.</summary>
    private static JsonObject WithPortmap() => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "third",
        ["plugins"] = new JsonArray
        {
            new JsonObject { ["type"] = "bridge", ["bridge"] = "br3" },
            new JsonObject { ["type"] = "portmap", ["capabilities"] = new JsonObject { ["portMappings"] = true } },
        },
    };

    [Fact]
    public void A_port_mapping_plugin_runs_only_for_a_container_with_published_ports()
    {
        var plugins = WithPortmap()["plugins"]!.AsArray().Cast<JsonObject>().ToList();
        Assert.Equal(["bridge"], plugins.Where(p => CniConfig.IsNeeded(p, [])).Select(p => p["type"]!.GetValue<string>()));
        Assert.Equal(["bridge", "portmap"], plugins.Where(p => CniConfig.IsNeeded(p, [new PublishedPort(80, "tcp", "", 8080)]))
            .Select(p => p["type"]!.GetValue<string>()));
    }

    [Fact]
    public void A_plugin_gets_name_version_prevResult_and_only_the_runtimeConfig_it_asked_for()
    {
        var list = WithPortmap();
        var prev = JsonNode.Parse("""{"cniVersion":"1.0.0","ips":[]}""");
        PublishedPort[] ports = [new(80, "tcp", "0.0.0.0", 8080), new(53, "udp", "127.0.0.1", 5353)];

        var portmap = CniConfig.ForPlugin(list, (JsonObject)list["plugins"]![1]!, prev, ports);
        Assert.Equal("third", portmap["name"]!.GetValue<string>());
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
        var list = CniConfig.Conflist(s_bridge, "/ipam", mtu: 1400);
        var bridge = list["plugins"]![0]!.AsObject();
        Assert.Equal(1400, bridge["mtu"]!.GetValue<int>());
        var config = CniConfig.ForPlugin(list, bridge, null, [], new EndpointConfig { IPv4Address = "172.30.5.5", MacAddress = "02:42:aa:bb:cc:dd" });
        Assert.Equal("[\"172.30.5.5\"]", config["runtimeConfig"]!["ips"]!.ToJsonString());
        Assert.Equal("02:42:aa:bb:cc:dd", config["runtimeConfig"]!["mac"]!.GetValue<string>());
        Assert.Null(config["capabilities"]);
        Assert.Null(CniConfig.ForPlugin(list, bridge, null, [], new EndpointConfig())["runtimeConfig"]);
    }
}
