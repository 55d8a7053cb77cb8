using Berth.Cli.Flags;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands;

/// <summary><c>berth system df</c>: docker's summary table of disk usage by kind.</summary>
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
        if (_verbose.Value)
        {
            context.Console.Error.Write("berth system df -v is not supported yet: docker system df -v shows the detail against berthd\n");
            return 1;
        }

        string format = _format.Value is "" or "table" ? DiskUsageRows.DefaultTable : _format.Value;
        var formatter = OutputFormatter.Create(format, DiskUsageRows.DefaultTable);
        using var df = await context.Client.DiskUsageAsync(context.Cancellation);
        context.Console.Out.Write(formatter.Render(DiskUsageRows.Create(df.RootElement), DiskUsageRows.Header()));
        return 0;
    }
}
