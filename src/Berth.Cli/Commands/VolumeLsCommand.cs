using System.Text.Json;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth volume ls</c>: sorted by name, as docker does.</summary>
internal sealed class VolumeLsCommand : Command
{
    private ListFlag _filter = null!;
    private StringFlag _format = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "ls";

    public override string Usage => "[OPTIONS]";

    public override string Description => "List volumes";

    public override IReadOnlyList<string> Aliases => ["volume ls", "volume list"];

    public override void DefineFlags(FlagSet flags)
    {
        flags.Bool("cluster", null, "Display only cluster volumes, and use cluster volume list formatting");
        _filter = flags.Add(new ListFlag("filter", 'f', "Provide filter values (e.g. \"dangling=true\")", "filter", FormatUsage.ValidateFilter));
        _format = flags.String("format", null, FormatUsage.Table);
        _quiet = flags.Bool("quiet", 'q', "Only display volume names");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var format = _format.Value;
        if (format.Length == 0 || format == "table")
        {
            format = _quiet.Value ? "{{.Name}}" : VolumeRows.DefaultTable;
        }

        var formatter = OutputFormatter.Create(format, VolumeRows.DefaultTable);
        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

        using var list = await context.Client.ListVolumesAsync(filters, context.Cancellation);
        var volumes = list.RootElement.TryGetProperty("Volumes", out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [];
        var rows = volumes
            .OrderBy(n => n.GetProperty("Name").GetString(), StringComparer.Ordinal)
            .Select(n => (object)VolumeRows.Create(n));
        context.Console.Out.Write(formatter.Render(rows, VolumeRows.Header()));
        return 0;
    }
}
