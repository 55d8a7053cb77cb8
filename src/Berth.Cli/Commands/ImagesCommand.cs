using Berth.Cli.Flags;
using Berth.Cli.Formatting;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth images</c> / <c>image ls</c>.</summary>
internal sealed class ImagesCommand : Command
{
    private BoolFlag _all = null!;
    private BoolFlag _digests = null!;
    private ListFlag _filter = null!;
    private StringFlag _format = null!;
    private BoolFlag _noTrunc = null!;
    private BoolFlag _quiet = null!;

    public override string Name => "images";

    public override string Usage => "[OPTIONS] [REPOSITORY[:TAG]]";

    public override string Description => "List images";

    public override IReadOnlyList<string> Aliases => ["image ls", "image list", "images"];

    public override ArgumentRule Arguments => new(0, 1);

    public override void DefineFlags(FlagSet flags)
    {
        _all = flags.Bool("all", 'a', "Show all images (default hides intermediate images)");
        _digests = flags.Bool("digests", null, "Show digests");
        _filter = flags.Add(new ListFlag("filter", 'f', "Filter output based on conditions provided", "filter", FormatUsage.ValidateFilter));
        _format = flags.String("format", null, FormatUsage.Table);
        _noTrunc = flags.Bool("no-trunc", null, "Don't truncate output");
        _quiet = flags.Bool("quiet", 'q', "Only show image IDs");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var format = _format.Value;
        if (format.Length == 0 || format == "table")
        {
            format = _quiet.Value ? "{{.ID}}" : _digests.Value ? ImageRows.DigestTable : ImageRows.DefaultTable;
        }

        var formatter = OutputFormatter.Create(format, ImageRows.DefaultTable);
        var filters = new FilterArgs();
        foreach (var filter in _filter.Values)
        {
            filters.AddArgument(filter);
        }

        if (args.Count == 1)
        {
            filters.Add("reference", args[0]);
        }

        using var list = await context.Client.ListImagesAsync(_all.Value, filters, context.Cancellation);
        var now = DateTimeOffset.UtcNow;
        var rows = list.RootElement.EnumerateArray().SelectMany(i => ImageRows.Create(i, !_noTrunc.Value, _digests.Value, now));
        context.Console.Out.Write(formatter.Render(rows, ImageRows.Header(), "template parsing error: "));
        return 0;
    }
}
