using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth system prune</c>: container, network, (with <c>--volumes</c>) volume, image and
/// build-cache prune in docker's order, each list as its own command prints it, then one
/// total of the space reclaimed.
/// </summary>
internal sealed class SystemPruneCommand : PruneCommand
{
    private BoolFlag _all = null!;
    private BoolFlag _volumes = null!;

    protected override string Warning => "WARNING! This will remove:\n"
        + "  - all stopped containers\n"
        + "  - all networks not used by at least one container\n"
        + (_volumes.Value ? "  - all anonymous volumes not used by at least one container\n" : "")
        + (_all.Value ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n")
        + (_all.Value ? "  - all build cache\n" : "  - unused build cache\n")
        + "\nAre you sure you want to continue?";

    public override string Description => "Remove unused data";

    protected override string FilterUsage => "Provide filter values (e.g. \"label=<key>=<value>\")";

    public override IReadOnlyList<string> Aliases => ["system prune"];

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Remove all unused images not just dangling ones");
        base.DefineFlags(flags);
        _volumes = flags.Bool("volumes", null, "Prune anonymous volumes");
    }

    protected override async Task PruneAsync(CommandContext context, FilterArgs filters)
    {
        long reclaimed = await ContainerPruneCommand.PruneContainersAsync(context, filters.Copy());
        await NetworkPruneCommand.PruneNetworksAsync(context, filters.Copy());
        if (_volumes.Value)
        {
            reclaimed += await VolumePruneCommand.PruneVolumesAsync(context, filters.Copy(), all: false);
        }

        reclaimed += await ImagePruneCommand.PruneImagesAsync(context, filters.Copy(), _all.Value);
        using (var report = await context.Client.PruneBuildCacheAsync(_all.Value, filters.Copy(), context.Cancellation))
        {
            var root = report.RootElement;
            reclaimed += WriteDeleted(context, root, "CachesDeleted", "Deleted build cache objects") > 0
                && root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        }

        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
    }
}
