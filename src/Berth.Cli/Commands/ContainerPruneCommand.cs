using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth container prune</c>: asks unless <c>-f</c>, lists "Deleted Containers:", then the reclaimed space.</summary>
internal sealed class ContainerPruneCommand : Command
{
    private const string Warning = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

    private ListFlag _filter = null!;
    private BoolFlag _force = null!;

    public override string Name => "prune";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Remove all stopped containers";

    public override IReadOnlyList<string> Aliases => ["container prune"];

    public override void DefineFlags(FlagSet flags)
    {
        _filter = flags.Add(new ListFlag("filter", null, "Provide filter values (e.g. \"until=<timestamp>\")", "filter", FormatUsage.ValidateFilter));
        _force = flags.Bool("force", 'f', "Do not prompt for confirmation");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!_force.Value && !Confirmation.Ask(context, Warning))
        {
            // docker's errdefs.Cancelled: nothing more is printed and the exit status is 0.
            return 0;
        }

        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

        using var report = await context.Client.PruneContainersAsync(filters, context.Cancellation);
        var root = report.RootElement;
        var deleted = root.TryGetProperty("ContainersDeleted", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(e => e.GetString()).ToList()
            : [];
        long reclaimed = 0;
        if (deleted.Count > 0)
        {
            context.Console.Out.Write("Deleted Containers:\n" + string.Concat(deleted.Select(n => n + "\n")) + "\n");
            reclaimed = root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
        }

        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
        return 0;
    }
}
