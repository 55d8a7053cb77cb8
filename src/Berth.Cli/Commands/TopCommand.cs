using System.Text;
using Berth.Cli.Flags;
using Berth.Cli.Formatting;

namespace Berth.Cli.Commands;

/// <summary><c>berth top</c>: the daemon's ps table through a tabwriter (minwidth 20, padding 3), as docker prints it.</summary>
internal sealed class TopCommand : Command
{
    public override string Name => "top";

    public override string Usage => "CONTAINER [ps OPTIONS]";

    public override string Description => "Display the running processes of a container";

    public override IReadOnlyList<string> Aliases => ["container top", "top"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override bool Interspersed => false;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var psArgs = args.Count > 1 ? string.Join(' ', args.Skip(1)) : null;
        using var top = await context.Client.TopContainerAsync(args[0], psArgs, context.Cancellation);
        var table = new StringBuilder();
        var root = top.RootElement;
        table.Append(string.Join('\t', root.GetProperty("Titles").EnumerateArray().Select(t => t.GetString()))).Append('\n');
        foreach (var process in root.GetProperty("Processes").EnumerateArray())
        {
            table.Append(string.Join('\t', process.EnumerateArray().Select(p => p.GetString()))).Append('\n');
        }

        context.Console.Out.Write(new TabWriter(minWidth: 20, padding: 3).Format(table.ToString()));
        return 0;
    }
}
