using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary><c>berth volume rm</c>: each removed name printed, the errors together at the end, exit 1 if any failed.</summary>
internal sealed class VolumeRmCommand : Command
{
    private BoolFlag _force = null!;

    public override string Name => "rm";

    public override string Usage => "[OPTIONS] VOLUME [VOLUME...]";

    public override string Description => "Remove one or more volumes";

    public override string LongDescription => "Remove one or more volumes. You cannot remove a volume that is in use by a container.";

    public override IReadOnlyList<string> Aliases => ["volume rm", "volume remove"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
        => _force = flags.Bool("force", 'f', "Force the removal of one or more volumes");

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        foreach (var name in args)
        {
            try
            {
                await context.Client.RemoveVolumeAsync(name, _force.Value, context.Cancellation);
                context.Console.Out.Write(name + "\n");
            }
            catch (EngineApiException ex)
            {
                errors.Add("Error response from daemon: " + ex.Message);
            }
        }

        return errors.Count > 0 ? throw new CliFailure(string.Join('\n', errors)) : 0;
    }
}
