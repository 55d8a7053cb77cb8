using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth restart</c>.</summary>
internal sealed class RestartCommand : Command
{
    private StringFlag _signal = null!;
    private IntFlag _timeout = null!;
    private IntFlag _time = null!;

    public override string Name => "restart";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Restart one or more containers";

    public override IReadOnlyList<string> Aliases => ["container restart", "restart"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _signal = flags.String("signal", 's', "Signal to send to the container");
        _timeout = flags.Int("timeout", 't', "Seconds to wait before killing the container");
        _time = flags.Add(new IntFlag("time", null, "Seconds to wait before killing the container (deprecated: use --timeout)") { Hidden = true, Deprecated = "use --timeout instead" });
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var timeout = StopCommand.Timeout(_timeout, _time);
        var signal = _signal.Value.Length > 0 ? _signal.Value : null;
        return ContainerBatch.RunAsync(context, args, async name =>
        {
            await context.Client.RestartContainerAsync(name, signal, timeout, context.Cancellation);
            return name;
        });
    }
}
