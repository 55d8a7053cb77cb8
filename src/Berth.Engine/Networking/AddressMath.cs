using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Networking;

/// <summary>Addresses of either family as numbers: offsets, and the host addresses of a subnet as host-local counts them.</summary>
public static class AddressMath
{
    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        b.Clear();
        byte[] bytes = address.GetAddressBytes();
        bytes.CopyTo(b[(16 - bytes.Length)..]);
        return BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    public static IPAddress FromNumber(UInt128 value, AddressFamily family)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b, value);
        return new IPAddress(family == AddressFamily.InterNetwork ? b[12..] : b);
    }

    public static IPAddress Offset(IPAddress address, int by) => FromNumber(ToNumber(address) + (UInt128)by, address.AddressFamily);

    /// <summary>
    /// The first and last address a container can get: an IPv4 subnet without its network and
    /// broadcast addresses (all of a /31 or /32), an IPv6 one without its network address.
    /// </summary>
    public static (UInt128 First, UInt128 Last) Hosts(IPNetwork n)
    {
        bool v4 = n.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        int hostBits = (v4 ? 32 : 128) - n.PrefixLength;
        UInt128 network = ToNumber(n.BaseAddress);
        UInt128 last = hostBits == 0 ? network : network | (UInt128.MaxValue >> (128 - hostBits));
        if (hostBits <= 1)
            return (network, last);
        return (network + 1, v4 ? last - 1 : last);
    }
}
