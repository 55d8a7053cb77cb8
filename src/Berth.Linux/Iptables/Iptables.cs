using Berth.Linux.Processes;

namespace Berth.Linux.Iptables;

/// <summary>
/// Idempotent rule edits with the <c>iptables</c> tool, as the CNI plugins and Docker make
/// them (the tool, not netlink: it speaks both the legacy and the nftables backend). Every
/// call waits for the xtables lock (<c>-w</c>), so berthd and the plugins never race.
/// </summary>
public static class Iptables
{
    /// <summary>Creates <paramref name="chain"/> if missing and makes it the first rule of <paramref name="parent"/>.</summary>
    public static async Task EnsureChainAsync(string table, string chain, string parent, CancellationToken ct)
    {
        if (!await SucceedsAsync(["-t", table, "-n", "-L", chain], ct))
            await RunAsync(["-t", table, "-N", chain], ct);
        if (!await SucceedsAsync(["-t", table, "-C", parent, "-j", chain], ct))
            await RunAsync(["-t", table, "-I", parent, "1", "-j", chain], ct);
    }

    /// <summary>
    /// As <see cref="EnsureChainAsync"/> for <c>ip6tables</c>, and the jump moved back to the top
    /// when a rule was put ahead of it since (the CNI plugins insert theirs first too).
    /// </summary>
    public static async Task EnsureChainFirstIPv6Async(string table, string chain, string parent, CancellationToken ct)
    {
        if (!await SucceedsAsync(["-t", table, "-n", "-L", chain], ct, ipv6: true))
            await RunAsync(["-t", table, "-N", chain], ct, ipv6: true);
        if ((await RunAsync(["-t", table, "-S", parent, "1"], ct, ipv6: true)).Trim() == $"-A {parent} -j {chain}")
            return;
        while (await SucceedsAsync(["-t", table, "-D", parent, "-j", chain], ct, ipv6: true))
        {
        }
        await RunAsync(["-t", table, "-I", parent, "1", "-j", chain], ct, ipv6: true);
    }

    /// <summary>Appends the rule unless an identical one is there.</summary>
    public static async Task EnsureRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct, bool ipv6 = false)
    {
        if (!await SucceedsAsync(["-t", table, "-C", chain, .. rule], ct, ipv6))
            await RunAsync(["-t", table, "-A", chain, .. rule], ct, ipv6);
    }

    /// <summary>Deletes every copy of the rule; none is fine.</summary>
    public static async Task DeleteRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct)
    {
        while (await SucceedsAsync(["-t", table, "-D", chain, .. rule], ct))
        {
        }
    }

    private static Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken ct, bool ipv6 = false) =>
        ToolRunner.RunAsync(ipv6 ? "ip6tables" : "iptables", ["-w", .. args], ct);

    private static async Task<bool> SucceedsAsync(IReadOnlyList<string> args, CancellationToken ct, bool ipv6 = false)
    {
        try
        {
            await RunAsync(args, ct, ipv6);
            return true;
        }
        catch (ToolException e) when (e.ExitCode == 1) // "no such rule/chain"; 2 and up are misuse or the lock
        {
            return false;
        }
    }
}
