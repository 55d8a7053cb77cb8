using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth kill</c>.</summary>
internal sealed class KillCommand : Command
{
    private StringFlag _signal = null!;

    public override string Name => "kill";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Kill one or more running containers";

    public override IReadOnlyList<string> Aliases => ["container kill", "kill"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags) => _signal = flags.String("signal", 's', "Signal to send to the container");

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var signal = _signal.Value.Length > 0 ? _signal.Value : null;
        return ContainerBatch.RunAsync(context, args, async name =>
        {
            await context.Client.KillContainerAsync(name, signal, context.Cancellation);
            return name;
        });
    }
}
