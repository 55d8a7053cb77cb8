using System.Net;
using System.Text.Json.Nodes;
using Berth.Core.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// One of Berth's own bridge networks (the default <c>bridge</c> or a user-defined one) as
/// its containers' interfaces are made on it: the Linux bridge and its MTU, one
/// <see cref="AddressRange"/> per address family, whether it routes out (an internal network
/// gets no default route), and where its held addresses are kept. <see cref="Name"/> and
/// <see cref="Id"/> are Docker's, for messages; <see cref="CniName"/> is the network's name in
/// its conflist and its address directory's, as the CNI host-local plugin named that directory.
/// </summary>
public sealed record BridgeNetwork(string Name, string Id, string CniName, string Bridge, IReadOnlyList<AddressRange> Ranges, string IpamDir)
{
    public int Mtu { get; init; }
    public bool Internal { get; init; }

    /// <summary><c>&lt;ipam dir&gt;/&lt;CNI name&gt;</c>: host-local's layout, so addresses host-local held are this network's still.</summary>
    public string AddressDir => Path.Combine(IpamDir, CniName);

    /// <summary>The default bridge network from dockerd's <c>--bridge</c>, <c>--bip</c>, <c>--fixed-cidr</c> and <c>--fixed-cidr-v6</c>.</summary>
    public static BridgeNetwork Default(BridgeConfig bridge, string networkDir)
    {
        var ranges = new List<AddressRange> { new(bridge.Network(), bridge.Gateway, bridge.FixedCidr) };
        if (bridge.FixedCidrV6 is { } v6)
            ranges.Add(new AddressRange(v6, AddressMath.Offset(v6.BaseAddress, 1)));
        return new BridgeNetwork(CniConfig.NetworkName, PredefinedNetworks.IdOf(CniConfig.NetworkName), CniConfig.NetworkName, bridge.Bridge, ranges,
            Path.Combine(networkDir, "ipam"));
    }

    /// <summary>A user-defined network; its IPv6 subnet counts only with IPv6 enabled.</summary>
    public static BridgeNetwork Of(NetworkDefinition n, string cniName, string networkDir)
    {
        var ranges = new List<AddressRange>
        {
            new(IPNetwork.Parse(n.Subnet), IPAddress.Parse(n.Gateway), RangeOf(n.IPRange), Reserved(n.AuxiliaryAddresses)),
        };
        if (n.EnableIPv6 && n.IPv6 is { } v6)
            ranges.Add(new(IPNetwork.Parse(v6.Subnet), GatewayOf(v6), RangeOf(v6.IPRange), Reserved(v6.AuxiliaryAddresses)));
        return new BridgeNetwork(n.Name, n.Id, cniName, n.Bridge, ranges, Path.Combine(networkDir, "ipam-" + n.Id[..12]))
        {
            Mtu = BridgeOptions.Of(n).Mtu,
            Internal = n.Internal,
        };
    }

    /// <summary>The gateway given, else the subnet's first address, as Docker's IPAM picks it.</summary>
    public static IPAddress GatewayOf(IpamConfig c) =>
        c.Gateway.Length > 0 ? IPAddress.Parse(c.Gateway) : AddressMath.Offset(IPNetwork.Parse(c.Subnet).BaseAddress, 1);

    /// <summary>The network as a CNI conflist (bridge and host-local), written for people and CNI tools to read.</summary>
    public JsonObject Conflist() => CniConfig.Conflist(Bridge, Ranges, IpamDir, CniName, Internal, Mtu);

    private static IPNetwork? RangeOf(string range) => range.Length > 0 ? IPNetwork.Parse(range) : null;

    private static List<IPAddress> Reserved(Dictionary<string, string> aux) => aux.Values.Select(IPAddress.Parse).ToList();
}
