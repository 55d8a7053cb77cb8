using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth pause</c>.</summary>
internal sealed class PauseCommand : Command
{
    public override string Name => "pause";

    public override string Usage => "CONTAINER [CONTAINER...]";

    public override string Description => "Pause all processes within one or more containers";

    public override IReadOnlyList<string> Aliases => ["container pause", "pause"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => ContainerBatch.RunAsync(context, args, async name =>
        {
            await context.Client.PauseContainerAsync(name, context.Cancellation);
            return name;
        });
}
