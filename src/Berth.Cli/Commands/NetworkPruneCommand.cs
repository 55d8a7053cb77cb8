using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth network prune</c>: asks first unless <c>-f</c>, then lists what went under "Deleted Networks:".</summary>
internal sealed class NetworkPruneCommand : PruneCommand
{
    protected override string Warning => "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

    public override string Description => "Remove all unused networks";

    public override IReadOnlyList<string> Aliases => ["network prune"];

    protected override Task PruneAsync(CommandContext context, FilterArgs filters) => PruneNetworksAsync(context, filters);

    /// <summary>Prunes, prints "Deleted Networks:" (for <c>system prune</c> too).</summary>
    public static async Task PruneNetworksAsync(CommandContext context, FilterArgs filters)
    {
        using var report = await context.Client.PruneNetworksAsync(filters, context.Cancellation);
        WriteDeleted(context, report.RootElement, "NetworksDeleted", "Deleted Networks");
    }
}
