using Berth.Cli.Flags;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands;

/// <summary><c>berth system df</c>: docker's summary table of disk usage by kind, or with <c>-v</c> the detail of each.</summary>
internal sealed class SystemDfCommand : Command
{
    private StringFlag _format = null!;
    private BoolFlag _verbose = null!;

    public override string Name => "df";

    public override string Usage => "[OPTIONS]";

    public override string Description => "Show docker disk usage";

    public override IReadOnlyList<string> Aliases => ["system df"];

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", null, FormatUsage.Table);
        _verbose = flags.Bool("verbose", 'v', "Show detailed information on space usage");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        using var df = await context.Client.DiskUsageAsync(context.Cancellation);
        if (_verbose.Value)
        {
            context.Console.Out.Write(DiskUsageDetail.Render(df.RootElement, _format.Value, DateTimeOffset.UtcNow));
            return 0;
        }

        string format = _format.Value is "" or "table" ? DiskUsageRows.DefaultTable : _format.Value;
        var formatter = OutputFormatter.Create(format, DiskUsageRows.DefaultTable);
        context.Console.Out.Write(formatter.Render(DiskUsageRows.Create(df.RootElement), DiskUsageRows.Header()));
        return 0;
    }
}
