using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth volume prune</c>: anonymous volumes no container uses, all unused ones with <c>-a</c>.</summary>
internal sealed class VolumePruneCommand : PruneCommand
{
    private BoolFlag _all = null!;

    protected override string Warning => _all.Value
        ? "WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?"
        : "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?";

    public override string Description => "Remove unused local volumes";

    protected override string FilterUsage => "Provide filter values (e.g. \"label=<label>\")";

    public override IReadOnlyList<string> Aliases => ["volume prune"];

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Remove all unused volumes, not just anonymous ones");
        base.DefineFlags(flags);
    }

    protected override async Task PruneAsync(CommandContext context, FilterArgs filters)
    {
        long reclaimed = await PruneVolumesAsync(context, filters, _all.Value);
        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
    }

    /// <summary>Prunes, prints "Deleted Volumes:"; the bytes reclaimed (for <c>system prune</c> too).</summary>
    public static async Task<long> PruneVolumesAsync(CommandContext context, FilterArgs filters, bool all)
    {
        if (all)
        {
            filters.Add("all", "true");
        }

        using var report = await context.Client.PruneVolumesAsync(filters, context.Cancellation);
        var root = report.RootElement;
        return WriteDeleted(context, root, "VolumesDeleted", "Deleted Volumes") > 0
            && root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
    }
}
