using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth container inspect</c>.</summary>
internal sealed class ContainerInspectCommand : Command
{
    private StringFlag _format = null!;
    private BoolFlag _size = null!;

    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Display detailed information on one or more containers";

    public override IReadOnlyList<string> Aliases => ["container inspect"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", 'f', FormatUsage.Inspect);
        _size = flags.Bool("size", 's', "Display total file sizes");
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => InspectPrinter.RunAsync(context, args, _format.Value, (id, ct) => context.Client.InspectContainerAsync(id, _size.Value, ct));
}
