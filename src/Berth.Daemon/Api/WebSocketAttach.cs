using System.Net.WebSockets;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Engine.Logs;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>GET /containers/{id}/attach/ws</c>: attach over a WebSocket, as dockerd's. The output is
/// never multiplexed (each chunk of stdout or stderr is one message: binary frames from API
/// 1.42, text before, as dockerd changed it); <c>logs</c> sends what the log holds first,
/// <c>stream</c> then follows the live output until the container stops; every message the
/// client sends is the container's stdin (<c>stdin</c>).
/// </summary>
internal static class WebSocketAttach
{
    public static async Task AttachAsync(HttpContext context, string id, ContainerService containers)
    {
        var q = context.Request.Query;
        bool stdout = ContainerRoutes.Flag(q["stdout"]), stderr = ContainerRoutes.Flag(q["stderr"]);
        containers.IsTty(id); // 404 for a container that does not exist, before the handshake
        if (!context.WebSockets.IsWebSocketRequest)
            throw BerthException.Invalid("not a websocket handshake");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        bool binary = !ApiVersion.Below(context, "1.42");
        var type = binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        var sending = new SemaphoreSlim(1, 1);
        async ValueTask SendAsync(LogEntry entry)
        {
            await sending.WaitAsync();
            try
            {
                // The log keeps lines without their newline (Partial: none was written).
                await socket.SendAsync(entry.Content, type, endOfMessage: entry.Partial, CancellationToken.None);
                if (!entry.Partial)
                    await socket.SendAsync("\n"u8.ToArray(), type, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                sending.Release();
            }
        }
        using var gone = new CancellationTokenSource();
        Task input = Task.CompletedTask;
        try
        {
            if (ContainerRoutes.Flag(q["logs"]) && (stdout || stderr))
                await containers.LogsAsync(id, new LogQuery { Stdout = stdout, Stderr = stderr }, SendAsync, gone.Token);
            // The live output takes its place in the log before any input can make more of it.
            Task output = ContainerRoutes.Flag(q["stream"]) ? containers.AttachOutputAsync(id, stdout, stderr, SendAsync, gone.Token) : Task.CompletedTask;
            input = ReceiveAsync(socket, ContainerRoutes.Flag(q["stdin"]) ? containers : null, id, gone.Token);
            if (await Task.WhenAny(output, input) == input)
                await gone.CancelAsync(); // the client closed first: the live output stops
            await output;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            // The client's close completes the handshake; one that never sends it is not waited for long.
            await input.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or TimeoutException)
        {
            // The client went away.
        }
        finally
        {
            await gone.CancelAsync();
        }
    }

    /// <summary>
    /// The client's messages until its close: with <paramref name="stdin"/>, one stream into the
    /// container's stdin, else dropped.
    /// </summary>
    private static async Task ReceiveAsync(WebSocket socket, ContainerService? stdin, string id, CancellationToken ct)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var copy = stdin is null ? Task.CompletedTask : ContainerRoutes.CopyInputAsync(stdin, id, pipe.Reader.AsStream());
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, ct);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                if (stdin is not null)
                    await pipe.Writer.WriteAsync(buffer.AsMemory(0, received.Count), ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        await pipe.Writer.CompleteAsync();
        await copy;
    }
}
