using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth network disconnect</c>: silent on success.</summary>
internal sealed class NetworkDisconnectCommand : Command
{
    private BoolFlag _force = null!;

    public override string Name => "disconnect";

    public override string Usage => "[OPTIONS] NETWORK CONTAINER";

    public override string Description => "Disconnect a container from a network";

    public override IReadOnlyList<string> Aliases => ["network disconnect"];

    public override ArgumentRule Arguments => ArgumentRule.Exactly(2);

    public override void DefineFlags(FlagSet flags)
        => _force = flags.Bool("force", 'f', "Force the container to disconnect from a network");

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        await context.Client.DisconnectNetworkAsync(args[0], args[1], _force.Value, context.Cancellation);
        return 0;
    }
}
