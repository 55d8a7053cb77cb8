using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth volume update</c>: only cluster (swarm) volumes can be updated and berthd has
/// none, so after finding the volume it says what docker says for a local one.
/// </summary>
internal sealed class VolumeUpdateCommand : Command
{
    public override string Name => "update";

    public override string Usage => "[OPTIONS] [VOLUME]";

    public override string Description => "Update a volume (cluster volumes only)";

    public override IReadOnlyList<string> Aliases => ["volume update"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
        => flags.String("availability", null, "Cluster Volume availability (\"active\", \"pause\", \"drain\")", "active");

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        using var volume = await context.Client.InspectVolumeAsync(args[0], context.Cancellation);
        throw new CliFailure("can only update cluster volumes");
    }
}
