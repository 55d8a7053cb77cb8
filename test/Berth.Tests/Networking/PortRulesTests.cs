using System.Net.Sockets;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Tests.Networking;

public sealed class PortRulesTests
{
    private const string Id = "c0ffee";

    private static NetworkAttachment On(params PublishedPort[] ports) => new()
    {
        Network = "bridge", SandboxKey = "/run/berth/netns/" + Id, IPAddress = "172.30.0.5", IPPrefixLen = 16,
        Gateway = "172.30.0.1", MacAddress = "02:42:ac:1e:00:05", Ports = ports,
    };

    private static string[] Lines(NetworkAttachment a, string verb = "-A") => PortRules.Lines(PortRules.For(Id, a), verb).ToArray();

    [Fact]
    public void One_dnat_per_binding_and_masquerade_only_for_localhost_and_the_bridge_itself()
    {
        string[] lines = Lines(On(new PublishedPort(80, "tcp", "0.0.0.0", 8080), new PublishedPort(80, "tcp", "127.0.0.1", 9090), new PublishedPort(53, "udp", "0.0.0.0", 5353)));
        const string c = "-m comment --comment \"berth container c0ffee\"";
        string to = string.Join(' ', PortRules.MasqueradePorts);
        Assert.Equal(
        [
            $"-A BERTH -p tcp --dport 8080 {c} -j DNAT --to-destination 172.30.0.5:80",
            $"-A BERTH -d 127.0.0.1 -p tcp --dport 9090 {c} -j DNAT --to-destination 172.30.0.5:80",
            $"-A BERTH -p udp --dport 5353 {c} -j DNAT --to-destination 172.30.0.5:53",
            // A container port reached by two bindings is masqueraded once.
            $"-A BERTH-HAIRPIN -s 172.30.0.5/16 -d 172.30.0.5 -p tcp --dport 80 -m addrtype ! --src-type LOCAL {c} -j MASQUERADE {to}",
            $"-A BERTH-HAIRPIN -s 127.0.0.0/8 -d 172.30.0.5 -p tcp --dport 80 {c} -j MASQUERADE {to}",
            $"-A BERTH-HAIRPIN -s 172.30.0.5/16 -d 172.30.0.5 -p udp --dport 53 -m addrtype ! --src-type LOCAL {c} -j MASQUERADE {to}",
            $"-A BERTH-HAIRPIN -s 127.0.0.0/8 -d 172.30.0.5 -p udp --dport 53 {c} -j MASQUERADE {to}",
        ], lines);
        Assert.All(PortRules.For(Id, On(new PublishedPort(80, "tcp", "0.0.0.0", 8080))), r => Assert.Equal(AddressFamily.InterNetwork, r.Family));
    }

    [Fact]
    public void Removal_deletes_the_same_rules()
    {
        var a = On(new PublishedPort(80, "tcp", "0.0.0.0", 8080));
        Assert.Equal(Lines(a).Select(l => "-D" + l[2..]), Lines(a, "-D"));
    }

    [Fact]
    public void No_ports_no_rules_and_an_ipv6_binding_waits_for_an_ipv6_address()
    {
        Assert.Empty(PortRules.For(Id, On()));
        // The container has no IPv6 address on this network: nothing to forward [::]:8080 to.
        Assert.Empty(PortRules.For(Id, On(new PublishedPort(80, "tcp", "::", 8080))));
    }

    [Fact]
    public void A_batch_is_the_nat_table_committed_at_once()
    {
        Assert.Equal("*nat\n-A BERTH -j RETURN\nCOMMIT\n", PortRules.Batch(["-A BERTH -j RETURN"]));
    }
}
