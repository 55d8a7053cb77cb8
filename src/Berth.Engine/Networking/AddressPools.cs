using System.Net;
using System.Net.Sockets;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>One of dockerd's <c>--default-address-pool base=CIDR,size=N</c>: subnets of /N carved from the base.</summary>
public sealed record AddressPool(IPNetwork Base, int Size)
{
    /// <summary>Reads <c>base=10.90.0.0/16,size=24</c>, as dockerd does.</summary>
    public static AddressPool Parse(string spec)
    {
        string? baseText = null, sizeText = null;
        foreach (string part in spec.Split(','))
        {
            string[] kv = part.Split('=', 2);
            if (kv.Length != 2)
                throw BerthException.Invalid($"invalid default address pool {spec}: expected base=CIDR,size=N");
            switch (kv[0].Trim())
            {
                case "base": baseText = kv[1].Trim(); break;
                case "size": sizeText = kv[1].Trim(); break;
                default: throw BerthException.Invalid($"invalid default address pool {spec}: unknown field {kv[0]}");
            }
        }
        return Create(baseText ?? "", sizeText ?? "", spec);
    }

    public static AddressPool Create(string baseText, string sizeText, string spec)
    {
        if (!IPNetwork.TryParse(baseText, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            throw BerthException.Invalid($"invalid default address pool {spec}: base {baseText} is not an IPv4 CIDR");
        if (!int.TryParse(sizeText, out int size) || size < network.PrefixLength || size > 30)
            throw BerthException.Invalid($"invalid default address pool {spec}: size {sizeText} must be between the base's prefix ({network.PrefixLength}) and 30");
        return new AddressPool(network, size);
    }

    /// <summary>The pool's subnets in order.</summary>
    public IEnumerable<IPNetwork> Subnets()
    {
        byte[] b = Base.BaseAddress.GetAddressBytes();
        uint first = (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
        ulong count = 1UL << (Size - Base.PrefixLength), step = 1UL << (32 - Size);
        for (ulong i = 0; i < count; i++)
        {
            uint v = (uint)(first + i * step);
            yield return new IPNetwork(new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]), Size);
        }
    }
}

/// <summary>Where <c>network create</c> without <c>--subnet</c> finds a subnet: the configured pools, in order.</summary>
public sealed record AddressPools(IReadOnlyList<AddressPool> Pools)
{
    /// <summary>/24s of 10.90.0.0/16: clear of Docker's 172.17-31 and 192.168 pools and Podman's 10.88/16.</summary>
    public static AddressPools Default { get; } = new([new AddressPool(IPNetwork.Parse("10.90.0.0/16"), 24)]);

    public IEnumerable<IPNetwork> Subnets() => Pools.SelectMany(p => p.Subnets());
}
