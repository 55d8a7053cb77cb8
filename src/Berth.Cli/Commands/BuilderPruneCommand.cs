using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth builder prune</c>: the build cache no tagged image is built on, all of it with <c>-a</c>.</summary>
internal sealed class BuilderPruneCommand : PruneCommand
{
    private BoolFlag _all = null!;

    protected override string Warning => _all.Value
        ? "WARNING! This will remove all build cache.\nAre you sure you want to continue?"
        : "WARNING! This will remove all dangling build cache.\nAre you sure you want to continue?";

    public override string Description => "Remove build cache";

    public override IReadOnlyList<string> Aliases => ["builder prune"];

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Remove all unused build cache, not just dangling ones");
        base.DefineFlags(flags);
    }

    protected override async Task PruneAsync(CommandContext context, FilterArgs filters)
    {
        using var report = await context.Client.PruneBuildCacheAsync(_all.Value, filters, context.Cancellation);
        var root = report.RootElement;
        WriteDeleted(context, root, "CachesDeleted", "Deleted build cache objects");
        long reclaimed = root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
    }
}
