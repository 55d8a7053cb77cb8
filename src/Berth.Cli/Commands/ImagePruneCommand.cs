using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth image prune</c>: dangling images, every image no container uses with <c>-a</c>.</summary>
internal sealed class ImagePruneCommand : PruneCommand
{
    private BoolFlag _all = null!;

    protected override string Warning => _all.Value
        ? "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?"
        : "WARNING! This will remove all dangling images.\nAre you sure you want to continue?";

    public override string Description => "Remove unused images";

    public override IReadOnlyList<string> Aliases => ["image prune"];

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Remove all unused images, not just dangling ones");
        base.DefineFlags(flags);
    }

    protected override async Task PruneAsync(CommandContext context, FilterArgs filters)
    {
        long reclaimed = await PruneImagesAsync(context, filters, _all.Value);
        context.Console.Out.Write("Total reclaimed space: " + Units.HumanSize(reclaimed) + "\n");
    }

    /// <summary>Prunes, prints docker's "Deleted Images:" list; the bytes reclaimed (for <c>system prune</c> too).</summary>
    public static async Task<long> PruneImagesAsync(CommandContext context, FilterArgs filters, bool all)
    {
        filters.Add("dangling", all ? "false" : "true");
        using var report = await context.Client.PruneImagesAsync(filters, context.Cancellation);
        var root = report.RootElement;
        var lines = root.TryGetProperty("ImagesDeleted", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(Line).Where(l => l is not null).ToList()
            : [];
        if (lines.Count == 0)
            return 0;
        context.Console.Out.Write("Deleted Images:\n" + string.Concat(lines.Select(l => l + "\n")) + "\n");
        return root.TryGetProperty("SpaceReclaimed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
    }

    private static string? Line(JsonElement item) =>
        item.TryGetProperty("Untagged", out var u) && u.GetString() is { Length: > 0 } untagged ? "untagged: " + untagged
        : item.TryGetProperty("Deleted", out var d) && d.GetString() is { Length: > 0 } deleted ? "deleted: " + deleted
        : null;
}
