using System.Globalization;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth wait</c>: prints each container's exit code.</summary>
internal sealed class WaitCommand : Command
{
    public override string Name => "wait";

    public override string Usage => "CONTAINER [CONTAINER...]";

    public override string Description => "Block until one or more containers stop, then print their exit codes";

    public override IReadOnlyList<string> Aliases => ["container wait", "wait"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => ContainerBatch.RunAsync(context, args, async name =>
        {
            var result = await context.Client.WaitContainerAsync(name, null, context.Cancellation);
            return result.StatusCode.ToString(CultureInfo.InvariantCulture);
        });
}
