using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Core.Networking;
using Berth.Linux.Iptables;
using Berth.Linux.Networking;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networking;

/// <summary>
/// Published ports as Docker's DOCKER chain forwards them, without a userland proxy:
/// <code>
///   nat PREROUTING, OUTPUT  -m addrtype --dst-type LOCAL → BERTH
///       BERTH               one DNAT per binding: [-d host IP] -p P --dport H → container:C
///   nat POSTROUTING         --ctstate DNAT → BERTH-HAIRPIN
///       BERTH-HAIRPIN       MASQUERADE of what must come back through the host:
///                           from 127.0.0.0/8 (route_localnet on the bridge), and from the
///                           container's own bridge (a container reaching a published port,
///                           its own or a neighbour's) — never from the host's addresses
/// </code>
/// A connection to the gateway address or another host address is DNAT'ed only: no masquerade,
/// unlike the portmap plugin's, which marks everything from the subnet (the gateway too).
/// The network's own FORWARD rule (<see cref="BridgeRules"/>) accepts DNAT'ed connections.
/// A container's rules go in and out in one <c>iptables-restore</c> batch per address family
/// (IPv4 bindings through iptables, IPv6 ones through ip6tables); at daemon start the chains
/// are made afresh from the containers still running (<see cref="Rederive"/>), so a crash
/// leaves neither stale nor duplicate rules.
/// </summary>
public sealed class PortRules(ILogger log)
{
    public const string DnatChain = "BERTH";
    public const string HairpinChain = "BERTH-HAIRPIN";

    private static readonly AddressFamily[] s_families = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];
    private readonly Dictionary<AddressFamily, Task> _ready = [];

    /// <summary>One rule of the nat table: the tool's family, the chain and the rule's words.</summary>
    public sealed record Rule(AddressFamily Family, string Chain, string[] Words);

    /// <summary>The rules that forward <paramref name="a"/>'s published ports to the container.</summary>
    public static IEnumerable<Rule> For(string containerId, NetworkAttachment a)
    {
        string[] comment = ["-m", "comment", "--comment", "berth container " + containerId];
        foreach (var (address, prefix) in AddressesOf(a))
        {
            var family = address.AddressFamily;
            var bindings = a.Ports.Where(p => Reaches(p, family)).ToList();
            string to = family == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            foreach (var p in bindings)
            {
                string[] destination = IPAddress.TryParse(p.HostIp, out var ip) && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)
                    ? ["-d", ip.ToString()] : [];
                yield return new(family, DnatChain,
                    [.. destination, "-p", p.Protocol, "--dport", p.HostPort.ToString(), .. comment, "-j", "DNAT", "--to-destination", $"{to}:{p.ContainerPort}"]);
            }
            foreach (var (protocol, port) in bindings.Select(p => (p.Protocol, p.ContainerPort)).Distinct())
            {
                string[] target = ["-d", address.ToString(), "-p", protocol, "--dport", port.ToString()];
                yield return new(family, HairpinChain,
                    ["-s", $"{address}/{prefix}", .. target, "-m", "addrtype", "!", "--src-type", "LOCAL", .. comment, "-j", "MASQUERADE", .. MasqueradePorts]);
                if (family == AddressFamily.InterNetwork)
                    yield return new(family, HairpinChain, ["-s", "127.0.0.0/8", .. target, .. comment, "-j", "MASQUERADE", .. MasqueradePorts]);
            }
        }
    }

    /// <summary>
    /// Source ports for masqueraded connections: below the ephemeral range. A direct connection
    /// from the host (to the gateway address) keeps its ephemeral source port; were a
    /// masqueraded one (from 127.0.0.1) given the same port, the container would meet its
    /// TIME_WAIT from the other with another TCP timestamp clock, refuse the SYN (PAWS) and
    /// cost the client a retransmission. Disjoint ranges never meet.
    /// </summary>
    public static readonly string[] MasqueradePorts =
        PortAllocator.EphemeralRange().First is int first && first > 1025 ? ["--to-ports", $"1024-{first - 1}"] : [];

    /// <summary>The container's addresses on the interface, each with its subnet's prefix length.</summary>
    private static IEnumerable<(IPAddress Address, int Prefix)> AddressesOf(NetworkAttachment a)
    {
        if (IPAddress.TryParse(a.IPAddress, out var v4))
            yield return (v4, a.IPPrefixLen);
        if (IPAddress.TryParse(a.GlobalIPv6Address, out var v6))
            yield return (v6, a.GlobalIPv6PrefixLen);
    }

    /// <summary>
    /// Whether a binding forwards over <paramref name="family"/>: one on every address (empty
    /// or <c>0.0.0.0</c>) over both, as Docker publishes it on <c>0.0.0.0</c> and <c>::</c>;
    /// one on a given address (<c>::</c> included) over that address's family.
    /// </summary>
    private static bool Reaches(PublishedPort p, AddressFamily family) =>
        !IPAddress.TryParse(p.HostIp, out var ip) || ip.Equals(IPAddress.Any) || ip.AddressFamily == family;

    /// <summary>Lines of the nat table as one <c>iptables-restore</c> batch.</summary>
    public static string Batch(IEnumerable<string> lines) => "*nat\n" + string.Concat(lines.Select(l => l + "\n")) + "COMMIT\n";

    /// <summary>Each rule as a batch line that <paramref name="verb"/>s it (<c>-A</c>, <c>-D</c>).</summary>
    public static IEnumerable<string> Lines(IEnumerable<Rule> rules, string verb) => rules.Select(r => Iptables.Line(verb, r.Chain, r.Words));

    /// <summary>
    /// The jumps into Berth's chains, first in the built-in ones. IPv6 loopback is left out:
    /// the kernel never routes a packet from <c>::1</c> off the host, so <c>[::1]</c> is
    /// served by <see cref="LoopbackProxy"/> instead.
    /// </summary>
    private static IEnumerable<(string Chain, string[] Words)> Hooks(AddressFamily family) =>
    [
        ("PREROUTING", ["-m", "addrtype", "--dst-type", "LOCAL", "-j", DnatChain]),
        ("OUTPUT", [.. family == AddressFamily.InterNetworkV6 ? new[] { "!", "-d", "::1/128" } : [], "-m", "addrtype", "--dst-type", "LOCAL", "-j", DnatChain]),
        ("POSTROUTING", ["-m", "conntrack", "--ctstate", "DNAT", "-j", HairpinChain]),
    ];

    /// <summary>
    /// At daemon start: both families' chains emptied and filled again with the rules of the
    /// containers still running; later additions and removals wait for it.
    /// </summary>
    public void Rederive(IEnumerable<(string Id, NetworkAttachment Attachment)> running)
    {
        var rules = running.SelectMany(r => For(r.Id, r.Attachment)).ToList();
        lock (_ready)
            foreach (var family in s_families)
            {
                var reset = ResetAsync(family, rules.Where(r => r.Family == family).ToList());
                // Nobody waits for it yet: a failure (no ip6tables nat table) is logged; the next port of that family tries again.
                reset.ContinueWith(t => LogMessages.PortChainsFailed(log, family == AddressFamily.InterNetworkV6 ? "ip6tables" : "iptables", t.Exception!.InnerException!),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                _ready[family] = reset;
            }
    }

    /// <summary>The chains emptied (made if missing), the hooks first in their parents, <paramref name="rules"/> in.</summary>
    private static async Task ResetAsync(AddressFamily family, IReadOnlyList<Rule> rules)
    {
        string[] chains = [$":{DnatChain} - [0:0]", $":{HairpinChain} - [0:0]"];
        var unhook = Hooks(family).Select(h => Iptables.Line("-D", h.Chain, h.Words));
        var hook = Hooks(family).Select(h => Iptables.Line("-I", h.Chain, ["1", .. h.Words]));
        try
        {
            // Hooks already there (a daemon restart) are moved back to the top.
            await Iptables.RestoreAsync(family, Batch([.. chains, .. unhook, .. hook, .. Lines(rules, "-A")]), CancellationToken.None);
        }
        catch (Core.Errors.BerthException)
        {
            // Some hook was missing (a first start), so the batch did nothing.
            await Iptables.RestoreAsync(family, Batch([.. chains, .. hook, .. Lines(rules, "-A")]), CancellationToken.None);
        }
    }

    private Task ReadyAsync(AddressFamily family)
    {
        lock (_ready)
        {
            if (!_ready.TryGetValue(family, out var task) || task.IsFaulted || task.IsCanceled)
                _ready[family] = task = ResetAsync(family, []);
            return task;
        }
    }

    /// <summary>
    /// Forwards the attachment's published ports, one batch per family with bindings; all or
    /// nothing. The bridge lets 127.0.0.1-sourced packets out (route_localnet) for localhost's
    /// connections.
    /// </summary>
    public async Task AddAsync(string containerId, string bridge, NetworkAttachment a, CancellationToken ct)
    {
        var added = new List<IGrouping<AddressFamily, Rule>>();
        try
        {
            foreach (var group in For(containerId, a).GroupBy(r => r.Family))
            {
                await ReadyAsync(group.Key);
                if (group.Key == AddressFamily.InterNetwork)
                    Sysctl.Set($"net/ipv4/conf/{bridge}/route_localnet", "1");
                await Iptables.RestoreAsync(group.Key, Batch(Lines(group, "-A")), ct);
                added.Add(group);
            }
        }
        catch when (added.Count > 0)
        {
            await RemoveAsync(containerId, added.SelectMany(g => g));
            throw;
        }
    }

    /// <summary>Stops forwarding the attachment's ports; never throws. Rules already gone are fine.</summary>
    public Task RemoveAsync(string containerId, NetworkAttachment a) => RemoveAsync(containerId, For(containerId, a));

    private async Task RemoveAsync(string containerId, IEnumerable<Rule> rules)
    {
        foreach (var group in rules.GroupBy(r => r.Family))
        {
            try
            {
                await ReadyAsync(group.Key);
                try
                {
                    await Iptables.RestoreAsync(group.Key, Batch(Lines(group, "-D")), CancellationToken.None);
                }
                catch (Core.Errors.BerthException)
                {
                    // Some rule was missing, so the batch did nothing: one at a time.
                    foreach (var r in group)
                        await Iptables.DeleteRuleAsync("nat", r.Chain, r.Words, CancellationToken.None, r.Family);
                }
            }
            catch (Exception e) when (e is Core.Errors.BerthException or IOException)
            {
                LogMessages.CleanupFailed(log, "port forwarding", containerId, e);
            }
        }
    }
}
