using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth unpause</c>.</summary>
internal sealed class UnpauseCommand : Command
{
    public override string Name => "unpause";

    public override string Usage => "CONTAINER [CONTAINER...]";

    public override string Description => "Unpause all processes within one or more containers";

    public override IReadOnlyList<string> Aliases => ["container unpause", "unpause"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => ContainerBatch.RunAsync(context, args, async name =>
        {
            await context.Client.UnpauseContainerAsync(name, context.Cancellation);
            return name;
        });
}
