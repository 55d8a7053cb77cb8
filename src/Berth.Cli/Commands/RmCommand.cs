using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth rm</c>.</summary>
internal sealed class RmCommand : Command
{
    private BoolFlag _force = null!;
    private BoolFlag _link = null!;
    private BoolFlag _volumes = null!;

    public override string Name => "rm";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Remove one or more containers";

    public override IReadOnlyList<string> Aliases => ["container rm", "container remove", "rm"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _force = flags.Bool("force", 'f', "Force the removal of a running container (uses SIGKILL)");
        _link = flags.Bool("link", 'l', "Remove the specified link");
        _volumes = flags.Bool("volumes", 'v', "Remove anonymous volumes associated with the container");
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
        => ContainerBatch.RunAsync(context, args, async name =>
        {
            try
            {
                await context.Client.RemoveContainerAsync(name.Trim('/'), _force.Value, _volumes.Value, _link.Value, context.Cancellation);
            }
            catch (EngineApiException ex) when (ex.IsNotFound && _force.Value)
            {
                // docker rm -f reports containers that are already gone but still exits 0.
                context.Console.Flush();
                context.Console.Error.Write("Error response from daemon: " + ex.Message + "\n");
                return null;
            }

            return name;
        });
}
