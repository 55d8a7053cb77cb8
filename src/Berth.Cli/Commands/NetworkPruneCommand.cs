using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth network prune</c>: asks first unless <c>-f</c>, then lists what went under "Deleted Networks:".</summary>
internal sealed class NetworkPruneCommand : Command
{
    private const string Warning = "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?";

    private ListFlag _filter = null!;
    private BoolFlag _force = null!;

    public override string Name => "prune";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Remove all unused networks";

    public override IReadOnlyList<string> Aliases => ["network prune"];

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

        using var report = await context.Client.PruneNetworksAsync(filters, context.Cancellation);
        var deleted = report.RootElement.TryGetProperty("NetworksDeleted", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Array
            ? d.EnumerateArray().Select(e => e.GetString()).ToList()
            : [];
        if (deleted.Count > 0)
        {
            context.Console.Out.Write("Deleted Networks:\n" + string.Concat(deleted.Select(n => n + "\n")) + "\n");
        }

        return 0;
    }
}
