using Berth.Linux.Iptables;

namespace Berth.Engine.Networking;

/// <summary>
/// The iptables rules a bridge network needs once, not per container, as Docker keeps them:
/// masquerade of the subnet's traffic leaving by another interface; forwarding of what the
/// bridge sends, of answers coming back, and of connections to published ports (DNAT'ed by
/// the portmap plugin). They replace the bridge plugin's per-container ipMasq chain and the
/// firewall plugin, which cost two plugin runs and a dozen iptables calls per start and stop.
/// Rules live in Berth's own chains, first in FORWARD and POSTROUTING, so that a host
/// firewall (or Docker's DROP policy) does not cut containers off.
/// </summary>
public static class BridgeRules
{
    private const string ForwardChain = "BERTH-FORWARD";
    private const string PostroutingChain = "BERTH-POSTROUTING";

    private static IEnumerable<(string Table, string Chain, string[] Rule)> Rules(string bridge, string subnet)
    {
        string[] comment = ["-m", "comment", "--comment", "berth bridge " + bridge];
        yield return ("nat", PostroutingChain, ["-s", subnet, "!", "-o", bridge, .. comment, "-j", "MASQUERADE"]);
        yield return ("filter", ForwardChain, ["-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED,DNAT", .. comment, "-j", "ACCEPT"]);
        yield return ("filter", ForwardChain, ["-i", bridge, .. comment, "-j", "ACCEPT"]);
    }

    public static async Task InstallAsync(string bridge, string subnet, CancellationToken ct)
    {
        await Iptables.EnsureChainAsync("nat", PostroutingChain, "POSTROUTING", ct);
        await Iptables.EnsureChainAsync("filter", ForwardChain, "FORWARD", ct);
        foreach (var (table, chain, rule) in Rules(bridge, subnet))
            await Iptables.EnsureRuleAsync(table, chain, rule, ct);
    }

    public static async Task RemoveAsync(string bridge, string subnet, CancellationToken ct)
    {
        foreach (var (table, chain, rule) in Rules(bridge, subnet))
            await Iptables.DeleteRuleAsync(table, chain, rule, ct);
    }
}
