using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth image inspect</c>.</summary>
internal sealed class ImageInspectCommand : Command
{
    private StringFlag _format = null!;

    public override string Name => "inspect";

    public override string Usage => "[OPTIONS] IMAGE [IMAGE...]";

    public override string Description => "Display detailed information on one or more images";

    public override IReadOnlyList<string> Aliases => ["image inspect"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _format = flags.String("format", 'f', FormatUsage.Inspect);
        flags.Add(new StringFlag("platform", null, "Inspect a specific platform of the multi-platform image.") { Hidden = true });
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => InspectPrinter.RunAsync(context, args, _format.Value, (name, ct) => context.Client.InspectImageAsync(name, ct));
}
