using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth network ls</c>: sorted by name, as docker does.</summary>
internal sealed class NetworkLsCommand : Command
{
    private ListFlag _filter = null!;
    private StringFlag _format = null!;
    private BoolFlag _noTrunc = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "ls";

    public override string Usage => "[OPTIONS]";

    public override string Description => "List networks";

    public override IReadOnlyList<string> Aliases => ["network ls", "network list"];

    public override void DefineFlags(FlagSet flags)
    {
        _filter = flags.Add(new ListFlag("filter", 'f', "Provide filter values (e.g. \"driver=bridge\")", "filter", FormatUsage.ValidateFilter));
        _format = flags.String("format", null, FormatUsage.Table);
        _noTrunc = flags.Bool("no-trunc", null, "Do not truncate the output");
        _quiet = flags.Bool("quiet", 'q', "Only display network IDs");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var format = _format.Value;
        if (format.Length == 0 || format == "table")
        {
            format = _quiet.Value ? "{{.ID}}" : NetworkRows.DefaultTable;
        }

        var formatter = OutputFormatter.Create(format, NetworkRows.DefaultTable);
        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

        using var list = await context.Client.ListNetworksAsync(filters, context.Cancellation);
        var rows = list.RootElement.EnumerateArray()
            .OrderBy(n => n.GetProperty("Name").GetString(), NaturalOrder.Instance)
            .Select(n => (object)NetworkRows.Create(n, !_noTrunc.Value));
        context.Console.Out.Write(formatter.Render(rows, NetworkRows.Header()));
        return 0;
    }
}
