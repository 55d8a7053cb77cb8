using Berth.Cli.Commands;
using Berth.Core.Containers;
using Berth.Client.Streams;
using Berth.Client.Transport;

namespace Berth.Cli.Containers;

/// <summary>
/// Wires a hijacked attach connection to the console: container output to stdout/stderr
/// (demultiplexed unless the container has a TTY), and local stdin to the container with a
/// half-close on EOF so the process sees end of input while its output keeps flowing. With a
/// TTY, stdin is watched for the detach keys, as the docker CLI watches it (the daemon watches
/// too): reading them completes <see cref="Detached"/> and sends nothing more.
/// </summary>
internal sealed class AttachSession(CommandContext context, HijackedConnection connection, bool tty, ReadOnlyMemory<byte> detachKeys)
{
    private readonly TaskCompletionSource _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The keys to watch stdin for. The daemon has refused unknown ones by now; one that accepts more gets the default watched.</summary>
    public static ReadOnlyMemory<byte> KeysFrom(string? text) =>
        !string.IsNullOrEmpty(text) && DetachKeys.TryParse(text, out var keys) ? keys : DetachKeys.Default;

    /// <summary>What <c>attach</c> and <c>exec</c> say when the user detached, as the docker CLI: a message and exit 1 (<c>run</c> and <c>start</c> exit 0).</summary>
    public static CliFailure DetachedFailure() => new("read escape sequence");

    /// <summary>Completes when the user typed the detach keys.</summary>
    public Task Detached => _detached.Task;

    /// <summary>Completes when the daemon ends the output (the container exited or closed its streams).</summary>
    public async Task<string?> PumpOutputAsync()
    {
        context.Console.Flush();
        var console = context.Console;
        var source = connection.AsReadStream();
        if (tty)
        {
            await source.CopyToAsync(console.StdoutStream, context.Cancellation);
            return null;
        }

        return await StreamDemultiplexer.CopyAsync(source, console.StdoutStream, console.StderrStream, context.Cancellation);
    }

    /// <summary>
    /// The output until the daemon ends it or the user types the detach keys (which never reach
    /// the daemon, so the connection is left behind): then <c>Detached</c> is true.
    /// </summary>
    public async Task<(bool Detached, string? SystemError)> PumpOutputOrDetachAsync()
    {
        var output = PumpOutputAsync();
        if (await Task.WhenAny(output, Detached) != output)
        {
            return (true, null);
        }

        return (false, await output);
    }

    /// <summary>Copies stdin until EOF; left running in the background because a read may block forever.</summary>
    public void StartStdinPump()
    {
        _ = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            try
            {
                await using var stdin = context.Console.OpenStdin();
                var watched = tty ? new DetachKeyStream(stdin, detachKeys) : null;
                var input = watched ?? stdin;
                int read;
                while ((read = await input.ReadAsync(buffer, context.Cancellation)) > 0)
                {
                    await connection.WriteAsync(buffer.AsMemory(0, read), context.Cancellation);
                }

                if (watched is { Detached.IsCompleted: true })
                {
                    _detached.TrySetResult();
                    return;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The container went away first: nothing left to feed.
            }

            connection.CloseWrite();
        });
    }
}
