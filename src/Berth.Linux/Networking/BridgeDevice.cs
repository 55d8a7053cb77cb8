using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Berth.Linux.Networking;

/// <summary>
/// A Linux bridge as a network's gateway, made the way the CNI bridge plugin makes it with
/// <c>isGateway</c>: a fixed MAC, the network's MTU, router advertisements ignored (Berth owns
/// its routes), the gateway addresses, up, and forwarding on for each family it routes.
/// </summary>
public static class BridgeDevice
{
    /// <summary>Makes the bridge if it is missing and sees to its addresses and state; returns its index.</summary>
    public static int Ensure(RouteSocket socket, string name, int mtu, IReadOnlyList<InterfaceAddress> gateways)
    {
        socket.AddBridge(name, mtu, RandomMac());
        int index = socket.LinkIndex(name) ?? throw new InvalidOperationException($"bridge {name} vanished as it was made");
        bool v6 = gateways.Any(g => g.Address.AddressFamily == AddressFamily.InterNetworkV6);
        if (v6)
            TrySysctl($"net/ipv6/conf/{name}/accept_ra", "0");
        foreach (var gateway in gateways)
            socket.AddAddress(index, gateway.Address, gateway.PrefixLength);
        socket.SetUp(name);
        if (gateways.Any(g => g.Address.AddressFamily == AddressFamily.InterNetwork))
            Sysctl.Set("net/ipv4/ip_forward", "1");
        if (v6)
        {
            Sysctl.Set("net/ipv6/conf/all/forwarding", "1");
            TrySysctl("net/ipv6/conf/default/forwarding", "1");
        }
        return index;
    }

    /// <summary>Deletes a bridge; false if there was none.</summary>
    public static bool Delete(string name)
    {
        using var socket = RouteSocket.Open();
        return socket.DeleteLink(name);
    }

    /// <summary>A random unicast, locally administered MAC, as the kernel picks one for a new device.</summary>
    public static byte[] RandomMac()
    {
        byte[] mac = RandomNumberGenerator.GetBytes(6);
        mac[0] = (byte)((mac[0] & 0xfe) | 0x02);
        return mac;
    }

    /// <summary>A setting that exists only with IPv6 in the kernel: without it there is nothing to set.</summary>
    internal static void TrySysctl(string key, string value)
    {
        try
        {
            Sysctl.Set(key, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
