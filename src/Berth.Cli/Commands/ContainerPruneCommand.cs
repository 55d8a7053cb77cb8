using System.Text.Json;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth container prune</c>: asks unless <c>-f</c>, lists "Deleted Containers:", then the reclaimed space.</summary>
internal sealed class ContainerPruneCommand : PruneCommand
{
    protected override string Warning => "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

    public override string Description => "Remove all stopped containers";

    public override IReadOnlyList<string> Aliases => ["container prune"];

    protected override async Task PruneAsync(CommandContext context, FilterArgs filters)
    {
        long reclaimed = await PruneContainersAsync(context, filters);
        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
    }

    /// <summary>Prunes, prints "Deleted Containers:"; the bytes reclaimed (for <c>system prune</c> too).</summary>
    public static async Task<long> PruneContainersAsync(CommandContext context, FilterArgs filters)
    {
        using var report = await context.Client.PruneContainersAsync(filters, context.Cancellation);
        var root = report.RootElement;
        return WriteDeleted(context, root, "ContainersDeleted", "Deleted Containers") > 0
            && root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
    }
}
