using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth stop</c>.</summary>
internal sealed class StopCommand : Command
{
    private StringFlag _signal = null!;
    private IntFlag _timeout = null!;
    private IntFlag _time = null!;

    public override string Name => "stop";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Stop one or more running containers";

    public override IReadOnlyList<string> Aliases => ["container stop", "stop"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _signal = flags.String("signal", 's', "Signal to send to the container");
        _timeout = flags.Int("timeout", 't', "Seconds to wait before killing the container");
        _time = flags.Add(new IntFlag("time", null, "Seconds to wait before killing the container (deprecated: use --timeout)") { Hidden = true, Deprecated = "use --timeout instead" });
    }

    public override Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var timeout = Timeout(_timeout, _time);
        var signal = _signal.Value.Length > 0 ? _signal.Value : null;
        return ContainerBatch.RunAsync(context, args, async name =>
        {
            await context.Client.StopContainerAsync(name, signal, timeout, context.Cancellation);
            return name;
        });
    }

    /// <summary>Only send a timeout the user gave; the daemon otherwise uses the container's StopTimeout.</summary>
    internal static int? Timeout(IntFlag timeout, IntFlag time)
    {
        if (timeout.Changed && time.Changed)
        {
            throw new CliFailure("conflicting options: --timeout and --time");
        }

        return timeout.Changed ? (int)timeout.Value : time.Changed ? (int)time.Value : null;
    }
}
