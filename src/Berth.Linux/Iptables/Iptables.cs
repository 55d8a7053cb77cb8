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

    /// <summary>Appends the rule unless an identical one is there.</summary>
    public static async Task EnsureRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct)
    {
        if (!await SucceedsAsync(["-t", table, "-C", chain, .. rule], ct))
            await RunAsync(["-t", table, "-A", chain, .. rule], ct);
    }

    /// <summary>Deletes every copy of the rule; none is fine.</summary>
    public static async Task DeleteRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct)
    {
        while (await SucceedsAsync(["-t", table, "-D", chain, .. rule], ct))
        {
        }
    }

    private static Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        ToolRunner.RunAsync("iptables", ["-w", .. args], ct);

    private static async Task<bool> SucceedsAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        try
        {
            await RunAsync(args, ct);
            return true;
        }
        catch (ToolException e) when (e.ExitCode == 1) // "no such rule/chain"; 2 and up are misuse or the lock
        {
            return false;
        }
    }
}
