using System.Net.Sockets;
using Berth.Linux.Processes;

namespace Berth.Linux.Iptables;

/// <summary>
/// Rule edits with the <c>iptables</c> tools, as the CNI plugins and Docker make them (the
/// tools, not netlink: they speak both the legacy and the nftables backend): idempotent
/// single edits, and batches applied at once by <c>iptables-restore --noflush</c>. The family
/// picks the tool: <c>iptables</c> for IPv4, <c>ip6tables</c> for IPv6. Every call waits for
/// the xtables lock (<c>-w</c>), so berthd and the plugins never race.
/// </summary>
public static class Iptables
{
    /// <summary>Creates <paramref name="chain"/> if missing and makes it the first rule of <paramref name="parent"/>.</summary>
    public static async Task EnsureChainAsync(string table, string chain, string parent, CancellationToken ct, AddressFamily family = AddressFamily.InterNetwork)
    {
        if (!await SucceedsAsync(family, ["-t", table, "-n", "-L", chain], ct))
            await RunAsync(family, ["-t", table, "-N", chain], ct);
        if (!await SucceedsAsync(family, ["-t", table, "-C", parent, "-j", chain], ct))
            await RunAsync(family, ["-t", table, "-I", parent, "1", "-j", chain], ct);
    }

    /// <summary>Appends the rule unless an identical one is there.</summary>
    public static async Task EnsureRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct, AddressFamily family = AddressFamily.InterNetwork)
    {
        if (!await SucceedsAsync(family, ["-t", table, "-C", chain, .. rule], ct))
            await RunAsync(family, ["-t", table, "-A", chain, .. rule], ct);
    }

    /// <summary>Deletes every copy of the rule; none is fine.</summary>
    public static async Task DeleteRuleAsync(string table, string chain, IReadOnlyList<string> rule, CancellationToken ct, AddressFamily family = AddressFamily.InterNetwork)
    {
        while (await SucceedsAsync(family, ["-t", table, "-D", chain, .. rule], ct))
        {
        }
    }

    /// <summary>
    /// Applies <paramref name="batch"/> (iptables-save's format: <c>*table</c>, chain lines,
    /// <c>-A</c>/<c>-I</c>/<c>-D</c> rules, <c>COMMIT</c>) in one run, all or nothing, leaving
    /// everything it does not name alone. A chain line (<c>:NAME - [0:0]</c>) creates the
    /// chain or empties it. A <c>-D</c> of a missing rule fails the whole batch.
    /// </summary>
    public static Task RestoreAsync(AddressFamily family, string batch, CancellationToken ct) =>
        ToolRunner.RunAsync(Tool(family) + "-restore", ["-w", "--noflush"], batch, ct);

    /// <summary>One rule as a batch line: <paramref name="verb"/> (<c>-A</c>, <c>-D</c>...) and the rule's words, quoted where they hold spaces.</summary>
    public static string Line(string verb, string chain, IEnumerable<string> rule) =>
        string.Join(' ', new[] { verb, chain }.Concat(rule.Select(w => w.Contains(' ') ? "\"" + w + "\"" : w)));

    private static string Tool(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "ip6tables" : "iptables";

    private static Task<string> RunAsync(AddressFamily family, IReadOnlyList<string> args, CancellationToken ct) =>
        ToolRunner.RunAsync(Tool(family), ["-w", .. args], ct);

    private static async Task<bool> SucceedsAsync(AddressFamily family, IReadOnlyList<string> args, CancellationToken ct)
    {
        try
        {
            await RunAsync(family, args, ct);
            return true;
        }
        catch (ToolException e) when (e.ExitCode == 1) // "no such rule/chain"; 2 and up are misuse or the lock
        {
            return false;
        }
    }
}
