using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;

namespace Berth.Cli.Commands;

/// <summary><c>berth start</c>: starts containers, or with <c>-a</c>/<c>-i</c> attaches to one and exits with its status.</summary>
internal sealed class StartCommand : Command
{
    private BoolFlag _attach = null!;
    private StringFlag _detachKeys = null!;
    private BoolFlag _interactive = null!;

    public override string Name => "start";

    public override string Usage => "[OPTIONS] CONTAINER [CONTAINER...]";

    public override string Description => "Start one or more stopped containers";

    public override IReadOnlyList<string> Aliases => ["container start", "start"];

    public override ArgumentRule Arguments => ArgumentRule.AtLeastOne;

    public override void DefineFlags(FlagSet flags)
    {
        _attach = flags.Bool("attach", 'a', "Attach STDOUT/STDERR and forward signals");
        _detachKeys = flags.String("detach-keys", null, "Override the key sequence for detaching a container");
        _interactive = flags.Bool("interactive", 'i', "Attach container's STDIN");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        if (!_attach.Value && !_interactive.Value)
        {
            return await ContainerBatch.RunAsync(context, args, async name =>
            {
                await context.Client.StartContainerAsync(name, context.Cancellation);
                return name;
            });
        }

        if (args.Count > 1)
        {
            throw new CliFailure("you cannot start and attach multiple containers at once");
        }

        using var inspect = await context.Client.InspectContainerAsync(args[0], false, context.Cancellation);
        var config = inspect.RootElement.GetProperty("Config");
        var tty = config.TryGetProperty("Tty", out var t) && t.ValueKind == JsonValueKind.True;
        var openStdin = config.TryGetProperty("OpenStdin", out var o) && o.ValueKind == JsonValueKind.True;
        var autoRemove = inspect.RootElement.TryGetProperty("HostConfig", out var host)
            && host.TryGetProperty("AutoRemove", out var ar) && ar.ValueKind == JsonValueKind.True;
        var id = inspect.RootElement.GetProperty("Id").GetString()!;
        return await ContainerRunner.RunAttachedAsync(
            context, id, tty, _interactive.Value && openStdin, stdout: true, stderr: true, autoRemove, proxySignals: true, _detachKeys.Value,
            ex => throw new CliFailure("Error response from daemon: " + ex.Message, StartFailure.ExitCode(ex.Message) == 125 ? 1 : StartFailure.ExitCode(ex.Message)));
    }
}
