using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Linux.Namespaces;

namespace Berth.Linux.Networking;

/// <summary>
/// A container's interface on a bridge, made as the CNI bridge plugin makes it, without
/// starting it: a veth pair whose host end (<c>veth</c> and 8 hex digits) is a hairpin port of
/// the bridge, and whose peer is created directly in the container's namespace under its
/// name there (<c>eth0</c>), then configured from a socket opened in that namespace:
/// <code>
///   host:      RTM_NEWLINK veth (master, up; peer: name, MAC, MTU, IFLA_NET_NS_FD) → hairpin on
///   namespace: (accept_dad 0) → up → RTM_NEWADDR per address → RTM_NEWROUTE per default route
/// </code>
/// </summary>
public static class VethInterface
{
    /// <summary>
    /// Makes the interface; returns the host end's name. <paramref name="gateways"/> get a
    /// default route each. <paramref name="inside"/>, a socket opened in the namespace when it
    /// was made (<see cref="NetworkNamespace.Create"/>), saves entering it; without one a
    /// thread enters it.
    /// </summary>
    public static string Add(RouteSocket host, int bridgeIndex, string netns, string ifName, int mtu, ReadOnlySpan<byte> mac,
        IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<IPAddress> gateways, RouteSocket? inside = null)
    {
        string hostName = "";
        using (var ns = File.OpenHandle(netns, FileMode.Open, FileAccess.Read))
        {
            for (int attempt = 0; ; attempt++)
            {
                hostName = "veth" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
                try
                {
                    host.AddVeth(hostName, bridgeIndex, mtu, ifName, ns, mac);
                    break;
                }
                catch (BerthException e) when (e.Kind == ErrorKind.Conflict && attempt < 3 && host.LinkIndex(hostName) is not null)
                {
                    // Another veth drew the same name: draw again.
                }
            }
        }
        host.SetHairpin(hostName);
        if (inside is not null)
        {
            Configure(inside, ifName, addresses, gateways);
            return hostName;
        }
        NetworkNamespace.Run(netns, () =>
        {
            // DAD would take the echo of its own probe through the hairpin port for a duplicate.
            if (addresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetworkV6))
                BridgeDevice.TrySysctl($"net/ipv6/conf/{ifName}/accept_dad", "0");
            using var socket = RouteSocket.Open();
            Configure(socket, ifName, addresses, gateways);
            return true;
        });
        return hostName;
    }

    /// <summary>Up, addresses, default routes: through a socket of the container's namespace.</summary>
    private static void Configure(RouteSocket inside, string ifName, IReadOnlyList<InterfaceAddress> addresses, IReadOnlyList<IPAddress> gateways)
    {
        inside.SetUp(ifName);
        int index = inside.LinkIndex(ifName) ?? throw new BerthException(ErrorKind.Internal, $"{ifName} is not in the container's namespace");
        foreach (var a in addresses)
            inside.AddAddress(index, a.Address, a.PrefixLength);
        foreach (var gateway in gateways)
            inside.AddRoute(new IPNetwork(gateway.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), gateway, index);
    }

    /// <summary>Deletes a container's interface from inside its namespace (the host end goes with it); false if it has none of that name.</summary>
    public static bool Remove(string netns, string ifName) =>
        File.Exists(netns) && NetworkNamespace.Run(netns, () =>
        {
            using var inside = RouteSocket.Open();
            return inside.DeleteLink(ifName);
        });
}
