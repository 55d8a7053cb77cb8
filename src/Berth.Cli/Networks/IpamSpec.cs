using System.Net;
using System.Text.Json;

namespace Berth.Cli.Networks;

/// <summary>
/// docker's <c>consolidateIpam</c>: pairs each <c>--ip-range</c> and <c>--gateway</c> with the
/// <c>--subnet</c> that contains it, with docker's messages for what cannot be paired.
/// </summary>
internal static class IpamSpec
{
    public sealed record Pool(string Subnet, string? IpRange, string? Gateway);

    public static List<Pool> Consolidate(IReadOnlyList<string> subnets, IReadOnlyList<string> ranges, IReadOnlyList<string> gateways)
    {
        if (subnets.Count < ranges.Count || subnets.Count < gateways.Count)
        {
            throw new FormatException("every ip-range or gateway must have a corresponding subnet");
        }

        var pools = new List<(string Subnet, IPNetwork Network, string? Range, string? Gateway)>();
        foreach (var subnet in subnets)
        {
            var network = ParseNetwork(subnet);
            if (pools.Any(p => Overlaps(p.Network, network)))
            {
                throw new FormatException("multiple overlapping subnet configuration is not supported");
            }

            pools.Add((subnet, network, null, null));
        }

        foreach (var range in ranges)
        {
            var network = ParseNetwork(range);
            var index = pools.FindIndex(p => p.Network.Contains(network.BaseAddress));
            if (index < 0)
            {
                throw new FormatException($"no matching subnet for range {range}");
            }

            if (pools[index].Range is { } existing)
            {
                throw new FormatException($"cannot configure multiple ranges ({existing}, {range}) on the same subnet ({pools[index].Subnet})");
            }

            pools[index] = pools[index] with { Range = range };
        }

        foreach (var gateway in gateways)
        {
            var address = IPAddress.TryParse(gateway, out var parsed) ? parsed : throw new FormatException($"invalid gateway address {gateway}");
            var index = pools.FindIndex(p => p.Network.Contains(address));
            if (index < 0)
            {
                throw new FormatException($"no matching subnet for gateway {gateway}");
            }

            if (pools[index].Gateway is { } existing)
            {
                throw new FormatException($"cannot configure multiple gateways ({existing}, {gateway}) for the same subnet ({pools[index].Subnet})");
            }

            pools[index] = pools[index] with { Gateway = gateway };
        }

        return pools.Select(p => new Pool(p.Subnet, p.Range, p.Gateway)).ToList();
    }

    public static void Write(Utf8JsonWriter w, IEnumerable<Pool> pools)
    {
        w.WriteStartArray("Config");
        foreach (var pool in pools)
        {
            w.WriteStartObject();
            w.WriteString("Subnet", pool.Subnet);
            if (pool.IpRange is { } range)
            {
                w.WriteString("IPRange", range);
            }

            if (pool.Gateway is { } gateway)
            {
                w.WriteString("Gateway", gateway);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static IPNetwork ParseNetwork(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || !int.TryParse(cidr[(slash + 1)..], out var prefix)
            || prefix < 0 || prefix > (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
        {
            throw new FormatException($"invalid CIDR address: {cidr}");
        }

        // docker accepts host bits in a subnet (10.1.2.3/16) and matches on the network part.
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
