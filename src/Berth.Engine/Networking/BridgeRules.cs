using Berth.Linux.Iptables;

namespace Berth.Engine.Networking;

/// <summary>
/// The iptables rules a bridge network needs once, not per container, as Docker keeps them:
/// masquerade of the subnet's traffic leaving by another interface; forwarding of what the
/// bridge sends, of answers coming back, and of connections to published ports (DNAT'ed by
/// <see cref="PortRules"/>). They replace the bridge plugin's per-container ipMasq chain and the
/// firewall plugin, which cost two plugin runs and a dozen iptables calls per start and stop.
/// An internal network instead only forwards between its own containers; options can turn
/// masquerade or traffic between containers off (<see cref="BridgeOptions"/>). A network with
/// Berth's DNS lets its containers reach port 53 on the gateway. Rules live in Berth's own
/// chains, first in their parents, so that a host firewall (or Docker's DROP policy) does
/// not cut containers off.
/// </summary>
public static class BridgeRules
{
    private const string ForwardChain = "BERTH-FORWARD";
    private const string PostroutingChain = "BERTH-POSTROUTING";
    private const string InputChain = "BERTH-INPUT";

    private static IEnumerable<(string Table, string Chain, string[] Rule)> Rules(string bridge, string subnet, bool isInternal, bool dns, BridgeOptions options)
    {
        string[] comment = ["-m", "comment", "--comment", "berth bridge " + bridge];
        if (!options.InterContainer)
            yield return ("filter", ForwardChain, ["-i", bridge, "-o", bridge, .. comment, "-j", "DROP"]);
        if (isInternal)
        {
            yield return ("filter", ForwardChain, ["-i", bridge, "-o", bridge, .. comment, "-j", "ACCEPT"]);
            yield return ("filter", ForwardChain, ["-i", bridge, "!", "-o", bridge, .. comment, "-j", "DROP"]);
            yield return ("filter", ForwardChain, ["!", "-i", bridge, "-o", bridge, .. comment, "-j", "DROP"]);
        }
        else
        {
            if (options.Masquerade)
                yield return ("nat", PostroutingChain, ["-s", subnet, "!", "-o", bridge, .. comment, "-j", "MASQUERADE"]);
            yield return ("filter", ForwardChain, ["-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED,DNAT", .. comment, "-j", "ACCEPT"]);
            yield return ("filter", ForwardChain, ["-i", bridge, .. comment, "-j", "ACCEPT"]);
        }
        if (dns)
            foreach (string protocol in (string[])["udp", "tcp"])
                yield return ("filter", InputChain, ["-i", bridge, "-p", protocol, "--dport", "53", .. comment, "-j", "ACCEPT"]);
    }

    public static async Task InstallAsync(string bridge, string subnet, bool isInternal, bool dns, BridgeOptions options, CancellationToken ct)
    {
        await Iptables.EnsureChainAsync("nat", PostroutingChain, "POSTROUTING", ct);
        await Iptables.EnsureChainAsync("filter", ForwardChain, "FORWARD", ct);
        if (dns)
            await Iptables.EnsureChainAsync("filter", InputChain, "INPUT", ct);
        foreach (var (table, chain, rule) in Rules(bridge, subnet, isInternal, dns, options))
            await Iptables.EnsureRuleAsync(table, chain, rule, ct);
    }

    public static async Task RemoveAsync(string bridge, string subnet, bool isInternal, bool dns, BridgeOptions options, CancellationToken ct)
    {
        foreach (var (table, chain, rule) in Rules(bridge, subnet, isInternal, dns, options))
            await Iptables.DeleteRuleAsync(table, chain, rule, ct);
    }
}
