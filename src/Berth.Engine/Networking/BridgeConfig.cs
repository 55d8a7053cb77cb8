using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>
/// The default bridge network's shape, from dockerd's <c>--bridge</c>, <c>--bip</c> and
/// <c>--fixed-cidr</c>: the Linux bridge's name, the gateway address with the subnet's prefix
/// length (<c>172.30.0.1/16</c>), and the part of the subnet containers get addresses from.
/// </summary>
public sealed record BridgeConfig(string Bridge, IPAddress Gateway, int PrefixLength)
{
    /// <summary>Null for the whole subnet.</summary>
    public IPNetwork? FixedCidr { get; init; }

    /// <summary>The IPv6 subnet of the default bridge (<c>--ipv6 --fixed-cidr-v6</c>); null for IPv4 only. Its first address is the gateway.</summary>
    public IPNetwork? FixedCidrV6 { get; init; }

    public const string DefaultBridge = "berth0";
    /// <summary>Neither Docker's 172.17.0.0/16 nor Podman's 10.88.0.0/16, so all three can share a host.</summary>
    public const string DefaultBip = "172.30.0.1/16";

    /// <summary>The subnet in CIDR notation: <c>172.30.0.0/16</c>.</summary>
    public string Subnet => Network().ToString();

    public IPNetwork Network()
    {
        byte[] bytes = Gateway.GetAddressBytes();
        uint value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        uint mask = PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);
        uint network = value & mask;
        return new IPNetwork(new IPAddress([(byte)(network >> 24), (byte)(network >> 16), (byte)(network >> 8), (byte)network]), PrefixLength);
    }

    public static BridgeConfig Parse(string bridge, string bip, string? fixedCidr = null, string? fixedCidrV6 = null)
    {
        var config = ParseIPv4(bridge, bip, fixedCidr);
        if (string.IsNullOrEmpty(fixedCidrV6))
            return config;
        if (!IPNetwork.TryParse(fixedCidrV6, out var v6) || v6.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6 || v6.PrefixLength > 126)
            throw BerthException.Invalid($"invalid fixed-cidr-v6: {fixedCidrV6}: expected an IPv6 subnet of at most /126, as fd00:1::/64");
        return config with { FixedCidrV6 = v6 };
    }

    private static BridgeConfig ParseIPv4(string bridge, string bip, string? fixedCidr)
    {
        if (bridge.Length is 0 or > 15 || bridge.Any(ch => ch is '/' or ' ' or ':'))
            throw BerthException.Invalid($"invalid bridge name: {bridge}");
        string[] parts = bip.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var gateway) || gateway.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out int prefix) || prefix is < 8 or > 30)
            throw BerthException.Invalid($"invalid bip: {bip}: expected an IPv4 address with a prefix length, as 172.30.0.1/16");
        var config = new BridgeConfig(bridge, gateway, prefix);
        if (config.Network().BaseAddress.Equals(gateway))
            throw BerthException.Invalid($"invalid bip: {bip}: the gateway cannot be the network address");
        if (string.IsNullOrEmpty(fixedCidr))
            return config;
        if (!IPNetwork.TryParse(fixedCidr, out var range) || range.BaseAddress.AddressFamily != AddressFamily.InterNetwork
            || !config.Network().Contains(range.BaseAddress) || range.PrefixLength < prefix || range.PrefixLength > 30)
            throw BerthException.Invalid($"invalid fixed-cidr: {fixedCidr}: expected an IPv4 subnet within the bridge's {config.Subnet}");
        return config with { FixedCidr = range };
    }
}
