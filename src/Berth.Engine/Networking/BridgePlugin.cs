using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Linux.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// What the CNI bridge plugin and its host-local IPAM did for a container on one of Berth's own
/// networks, done in-process over rtnetlink, with no process started (two plugin processes
/// per start and one per exit before):
/// <code>
///   ADD: addresses held (<see cref="AddressBook"/>) → bridge made if missing (<see cref="BridgeDevice"/>)
///        → veth into the namespace, addresses and default routes in it (<see cref="VethInterface"/>)
///        → a CNI result, as the plugin printed it
///   DEL: the interface deleted (unless the namespace goes, which takes it) → addresses released
/// </code>
/// Conflists that are not Berth's still go through the plugins (<see cref="Linux.Cni.CniPlugin"/>).
/// </summary>
internal sealed class BridgePlugin
{
    private readonly ConcurrentDictionary<string, AddressBook> _books = new();
    private readonly ConcurrentDictionary<string, bool> _bridgesSeenTo = new();

    public AddressBook BookOf(BridgeNetwork network) => _books.GetOrAdd(network.AddressDir, dir => new AddressBook(dir));

    /// <summary>
    /// Puts interface <paramref name="ifName"/> of the namespace <paramref name="netns"/> on the
    /// network, with <paramref name="endpoint"/>'s fixed addresses and MAC if it has them;
    /// returns the CNI result. On failure the addresses are released; an interface already made
    /// is left for the caller's teardown.
    /// </summary>
    /// <param name="inside">A socket opened in the namespace when it was made, if the caller has one.</param>
    public JsonObject Add(string id, string netns, string ifName, BridgeNetwork network, EndpointConfig endpoint, RouteSocket? inside = null,
        Containers.PhaseTimer? phases = null)
    {
        var book = BookOf(network);
        var held = new List<(AddressRange Range, IPAddress Address)>();
        try
        {
            foreach (var range in network.Ranges)
            {
                bool v6 = range.Subnet.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;
                string asked = v6 ? endpoint.IPv6Address : endpoint.IPv4Address;
                var address = book.Allocate(range, id, ifName, asked.Length > 0 ? IPAddress.Parse(asked) : null)
                    ?? throw new BerthException(ErrorKind.Internal,
                        $"no available IPv{(v6 ? 6 : 4)} addresses on this network's address pools: {network.Name} ({network.Id})");
                held.Add((range, address));
            }
            phases?.Mark(ifName + " addresses");
            byte[] mac = endpoint.MacAddress.Length > 0 ? PhysicalAddress.Parse(endpoint.MacAddress).GetAddressBytes() : MacOf(held);
            string hostVeth;
            using (var host = RouteSocket.Open())
            {
                int bridge = EnsureBridge(host, network);
                phases?.Mark(ifName + " bridge");
                hostVeth = VethInterface.Add(host, bridge, netns, ifName, network.Mtu, mac,
                    held.Select(h => new InterfaceAddress(h.Address, h.Range.Subnet.PrefixLength)).ToList(),
                    network.Internal ? [] : held.Select(h => h.Range.Gateway).ToList(), inside);
            }
            phases?.Mark(ifName + " veth");
            return Result(network, netns, ifName, hostVeth, mac, held);
        }
        catch
        {
            foreach (var (_, address) in held)
                book.Release(address, id, ifName);
            throw;
        }
    }

    /// <summary>
    /// Docker's MAC for an interface: <c>02:42</c> and its IPv4 address's four bytes, locally
    /// administered and unique on the bridge, so that an address handed out again comes with
    /// the MAC neighbours already know for it; random on an IPv6-only network.
    /// </summary>
    private static byte[] MacOf(List<(AddressRange Range, IPAddress Address)> held) =>
        held.Select(h => h.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) is IPAddress v4
            ? [0x02, 0x42, .. v4.GetAddressBytes()]
            : BridgeDevice.RandomMac();

    /// <summary>
    /// Takes interface <paramref name="ifName"/> off <paramref name="network"/> (null when the
    /// network is gone, and its addresses with it): the interface deleted unless
    /// <paramref name="namespaceGoes"/>, then the addresses <paramref name="result"/> names, or
    /// all the interface holds, released.
    /// </summary>
    public void Remove(string id, string netns, string ifName, BridgeNetwork? network, JsonNode? result, bool namespaceGoes)
    {
        if (!namespaceGoes)
            VethInterface.Remove(netns, ifName);
        if (network is null)
            return;
        var book = BookOf(network);
        var addresses = (result?["ips"] as JsonArray ?? [])
            .Select(ip => ip?["address"]?.GetValue<string>()?.Split('/')[0])
            .Select(a => IPAddress.TryParse(a, out var parsed) ? parsed : null)
            .ToList();
        if (addresses.Count == 0 || addresses.Any(a => a is null))
            book.ReleaseAll(id, ifName);
        else
            foreach (var address in addresses)
                book.Release(address!, id, ifName);
    }

    /// <summary>
    /// The bridge's index: made and set up the first time this daemon run puts a container on
    /// it (or again if it went missing), only looked up after that.
    /// </summary>
    private int EnsureBridge(RouteSocket host, BridgeNetwork network)
    {
        if (_bridgesSeenTo.ContainsKey(network.Bridge) && host.LinkIndex(network.Bridge) is int index)
            return index;
        index = BridgeDevice.Ensure(host, network.Bridge, network.Mtu,
            network.Ranges.Select(r => new InterfaceAddress(r.Gateway, r.Subnet.PrefixLength)).ToList());
        _bridgesSeenTo[network.Bridge] = true;
        return index;
    }

    /// <summary>The CNI result the bridge plugin printed: bridge, host veth and container interface, the addresses on the last, the routes.</summary>
    private static JsonObject Result(BridgeNetwork network, string netns, string ifName, string hostVeth, byte[] mac,
        List<(AddressRange Range, IPAddress Address)> held)
    {
        var routes = new JsonArray();
        if (!network.Internal)
            foreach (var (range, _) in held)
                routes.Add((JsonNode)new JsonObject { ["dst"] = range.Subnet.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "::/0" : "0.0.0.0/0" });
        return new JsonObject
        {
            ["cniVersion"] = CniConfig.Version,
            ["interfaces"] = new JsonArray
            {
                (JsonNode)new JsonObject { ["name"] = network.Bridge },
                (JsonNode)new JsonObject { ["name"] = hostVeth },
                (JsonNode)new JsonObject { ["name"] = ifName, ["mac"] = string.Join(':', mac.Select(b => b.ToString("x2"))), ["sandbox"] = netns },
            },
            ["ips"] = new JsonArray(held.Select(h => (JsonNode)new JsonObject
            {
                ["interface"] = 2,
                ["address"] = $"{h.Address}/{h.Range.Subnet.PrefixLength}",
                ["gateway"] = h.Range.Gateway.ToString(),
            }).ToArray()),
            ["routes"] = routes,
        };
    }
}
