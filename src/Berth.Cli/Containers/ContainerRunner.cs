using Berth.Cli.Commands;
using Berth.Client;
using Berth.Core.Containers;

namespace Berth.Cli.Containers;

/// <summary>
/// The attached part of <c>run</c> and <c>start -a</c>, in docker's order so no output is lost:
/// <code>
/// attach (hijack) → POST wait?condition=next-exit|removed (headers only) → POST start
///   → pump output until the daemon closes it → read the wait body → exit with StatusCode
/// </code>
/// SIGINT/SIGTERM are forwarded to the container with the kill API when there is no TTY. With
/// a TTY and stdin, the terminal is raw and the detach keys (<c>--detach-keys</c>, by default
/// Ctrl-p Ctrl-q) end the command with status 0, the container left running.
/// </summary>
internal static class ContainerRunner
{
    public static async Task<int> RunAttachedAsync(
        CommandContext context, string id, bool tty, bool stdin, bool stdout, bool stderr, bool autoRemove, bool proxySignals, string? detachKeys,
        Func<EngineApiException, int> onStartFailure)
    {
        var client = context.Client;
        await using var connection = await client.AttachAsync(id, new AttachOptions(stdin, stdout, stderr, detachKeys), context.Cancellation);
        var wait = await client.BeginWaitAsync(id, autoRemove ? "removed" : "next-exit", context.Cancellation);
        try
        {
            await client.StartContainerAsync(id, context.Cancellation);
        }
        catch (EngineApiException ex)
        {
            var code = onStartFailure(ex);
            if (autoRemove)
            {
                await IgnoreFailures(wait);
            }

            return code;
        }

        using var signals = proxySignals && !tty ? new SignalForwarder(client, id) : null;
        using var raw = tty && stdin ? context.Console.MakeStdinRaw() : null;
        var session = new AttachSession(context, connection, tty, AttachSession.KeysFrom(detachKeys));
        if (stdin)
        {
            session.StartStdinPump();
        }

        var (detached, systemError) = await session.PumpOutputOrDetachAsync();
        if (detached)
        {
            return 0; // as docker run and start: detached, nothing said
        }

        if (systemError is not null)
        {
            context.Console.Error.Write(systemError + "\n");
        }

        var result = await wait;
        if (result.ErrorMessage is { } waitError)
        {
            throw new CliFailure(waitError, 125);
        }

        return (int)result.StatusCode;
    }

    private static async Task IgnoreFailures(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is EngineApiException or IOException or HttpRequestException)
        {
            // The container is gone either way; the start error is what gets reported.
        }
    }
}
