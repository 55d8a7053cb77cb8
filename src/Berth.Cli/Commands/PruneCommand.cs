using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// What docker's prune commands share: the question unless <c>-f</c>, the <c>--filter</c>
/// values, and the "Deleted ...:" list of what went.
/// </summary>
internal abstract class PruneCommand : Command
{
    private ListFlag _filter = null!;
    private BoolFlag _force = null!;

    /// <summary>The help text of <c>--filter</c>, with the filter the command is mostly used with.</summary>
    protected virtual string FilterUsage => "Provide filter values (e.g. \"until=<timestamp>\")";

    /// <summary>The question asked before anything goes.</summary>
    protected abstract string Warning { get; }

    public override string Name => "prune";

    public override string Usage => "[OPTIONS]";

    public override void DefineFlags(FlagSet flags)
    {
        _filter = flags.Add(new ListFlag("filter", null, FilterUsage, "filter", FormatUsage.ValidateFilter));
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

        await PruneAsync(context, filters);
        return 0;
    }

    /// <summary>Asks the daemon to prune and reports what it says.</summary>
    protected abstract Task PruneAsync(CommandContext context, FilterArgs filters);

    /// <summary>Prints "<paramref name="heading"/>:" and the names under <paramref name="property"/> of the report, if any; their count.</summary>
    protected static int WriteDeleted(CommandContext context, JsonElement report, string property, string heading)
    {
        var deleted = report.TryGetProperty(property, out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(e => e.GetString()).ToList()
            : [];
        if (deleted.Count > 0)
        {
            context.Console.Out.Write(heading + ":\n" + string.Concat(deleted.Select(n => n + "\n")) + "\n");
        }

        return deleted.Count;
    }
}
