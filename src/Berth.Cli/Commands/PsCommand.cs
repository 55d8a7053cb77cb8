using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth ps</c> / <c>container ls</c>.</summary>
internal sealed class PsCommand : Command
{
    private BoolFlag _all = null!;
    private ListFlag _filter = null!;
    private StringFlag _format = null!;
    private IntFlag _last = null!;
    private BoolFlag _latest = null!;
    private BoolFlag _noTrunc = null!;
    private BoolFlag _quiet = null!;
    private BoolFlag _size = null!;

    public override string Name => "ps";

    public override string Usage => "[OPTIONS]";

    public override string Description => "List containers";

    public override IReadOnlyList<string> Aliases => ["container ls", "container list", "container ps", "ps"];

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Show all containers (default shows just running)");
        _filter = flags.Add(new ListFlag("filter", 'f', "Filter output based on conditions provided", "filter", FormatUsage.ValidateFilter));
        _format = flags.String("format", null, FormatUsage.Table);
        _last = flags.Int("last", 'n', "Show n last created containers (includes all states)", -1);
        _latest = flags.Bool("latest", 'l', "Show the latest created container (includes all states)");
        _noTrunc = flags.Bool("no-trunc", null, "Don't truncate output");
        _quiet = flags.Bool("quiet", 'q', "Only display container IDs");
        _size = flags.Bool("size", 's', "Display total file sizes");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var format = _format.Value;
        if (format.Length == 0 || format == "table")
        {
            format = _quiet.Value ? "{{.ID}}" : ContainerRows.DefaultTable + (_size.Value ? "\t{{.Size}}" : string.Empty);
        }

        var formatter = OutputFormatter.Create(format, ContainerRows.DefaultTable);
        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

        var limit = _latest.Value ? 1 : (int)_last.Value;
        var options = new ContainerListOptions(
            All: _all.Value || limit > 0,
            Limit: limit,
            Size: _size.Value || OutputFormatter.Mentions(format, "Size"),
            Filters: filters);
        using var list = await context.Client.ListContainersAsync(options, context.Cancellation);
        var now = DateTimeOffset.UtcNow;
        var rows = list.RootElement.EnumerateArray().Select(c => (object)ContainerRows.Create(c, !_noTrunc.Value, now));
        context.Console.Out.Write(formatter.Render(rows, ContainerRows.Header()));
        return 0;
    }
}
