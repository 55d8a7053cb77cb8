using System.Text.Json;
using Berth.Cli.Containers;
using Berth.Cli.Flags;
using Berth.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// <c>berth attach</c>: joins a running container's streams and exits with its status, as
/// docker's <c>RunAttach</c>: inspect and check state → wait (not-running) → attach → recheck
/// state → pump until the daemon ends the output → the wait's status code.
/// </summary>
internal sealed class AttachCommand : Command
{
    private StringFlag _detachKeys = null!;
    private BoolFlag _noStdin = null!;
    private BoolFlag _sigProxy = null!;

    public override string Name => "attach";

    public override string Usage => "[OPTIONS] CONTAINER";

    public override string Description => "Attach local standard input, output, and error streams to a running container";

    public override IReadOnlyList<string> Aliases => ["container attach", "attach"];

    public override ArgumentRule Arguments => ArgumentRule.ExactlyOne;

    public override void DefineFlags(FlagSet flags)
    {
        _detachKeys = flags.String("detach-keys", null, "Override the key sequence for detaching a container");
        _noStdin = flags.Bool("no-stdin", null, "Do not attach STDIN");
        _sigProxy = flags.Bool("sig-proxy", null, "Proxy all received signals to the process", true);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, IReadOnlyList<string> args)
    {
        var client = context.Client;
        var (id, tty, openStdin) = await InspectRunningAsync(context, args[0]);
        if (tty && !_noStdin.Value && !context.Console.IsStdinTerminal)
        {
            throw new CliFailure("the input device is not a TTY");
        }

        var stdin = !_noStdin.Value && openStdin;
        var wait = await client.BeginWaitAsync(id, "not-running", context.Cancellation);
        using var signals = _sigProxy.Value && !tty ? new SignalForwarder(client, id) : null;
        var detachKeys = _detachKeys.Value.Length > 0 ? _detachKeys.Value : null;
        await using var connection = await client.AttachAsync(id, new AttachOptions(stdin, DetachKeys: detachKeys), context.Cancellation);

        // The container may have stopped between the first check and the attach.
        await InspectRunningAsync(context, id);
        using var resize = tty ? TtySizeMonitor.Start(context, (h, w, ct) => client.ResizeContainerAsync(id, h, w, ct)) : null;
        using var raw = tty && stdin ? context.Console.MakeStdinRaw() : null;
        var session = new AttachSession(context, connection, tty, AttachSession.KeysFrom(detachKeys));
        if (stdin)
        {
            session.StartStdinPump();
        }

        var (detached, systemError) = await session.PumpOutputOrDetachAsync();
        if (detached)
        {
            throw AttachSession.DetachedFailure();
        }

        if (systemError is not null)
        {
            context.Console.Error.Write(systemError + "\n");
        }

        if (!wait.IsCompleted && await StillRunningAsync(context, id))
        {
            // The output ended with the container still up: the daemon ended the attach.
            return 0;
        }

        var result = await wait;
        if (result.ErrorMessage is { } waitError)
        {
            throw new CliFailure(waitError);
        }

        return (int)result.StatusCode;
    }

    private static async Task<(string Id, bool Tty, bool OpenStdin)> InspectRunningAsync(CommandContext context, string name)
    {
        using var inspect = await context.Client.InspectContainerAsync(name, false, context.Cancellation);
        var root = inspect.RootElement;
        var state = root.GetProperty("State");
        if (!IsTrue(state, "Running"))
        {
            throw new CliFailure("You cannot attach to a stopped container, start it first");
        }

        if (IsTrue(state, "Paused"))
        {
            throw new CliFailure("You cannot attach to a paused container, unpause it first");
        }

        if (IsTrue(state, "Restarting"))
        {
            throw new CliFailure("You cannot attach to a restarting container, wait until it is running");
        }

        var config = root.GetProperty("Config");
        return (root.GetProperty("Id").GetString()!, IsTrue(config, "Tty"), IsTrue(config, "OpenStdin"));
    }

    private static async Task<bool> StillRunningAsync(CommandContext context, string id)
    {
        await Task.Delay(100, context.Cancellation);
        using var inspect = await context.Client.InspectContainerAsync(id, false, context.Cancellation);
        return IsTrue(inspect.RootElement.GetProperty("State"), "Running");
    }

    private static bool IsTrue(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
