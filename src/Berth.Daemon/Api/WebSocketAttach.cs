using System.Net.WebSockets;
using Berth.Core.Api;
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
        bool binary = context.Items[VersionMiddleware.VersionKey] is not string version || ApiVersions.Compare(version, "1.42") >= 0;
        var type = binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        var sending = new SemaphoreSlim(1, 1);
        async ValueTask SendAsync(LogEntry entry)
        {
            await sending.WaitAsync();
            try
            {
                await socket.SendAsync(entry.Content, type, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                sending.Release();
            }
        }
        using var gone = new CancellationTokenSource();
        if (ContainerRoutes.Flag(q["stdin"]))
            _ = InputAsync(socket, containers, id, gone);
        try
        {
            if (ContainerRoutes.Flag(q["logs"]) && (stdout || stderr))
                await containers.LogsAsync(id, new LogQuery { Stdout = stdout, Stderr = stderr }, SendAsync, gone.Token);
            if (ContainerRoutes.Flag(q["stream"]))
                await containers.AttachOutputAsync(id, stdout, stderr, SendAsync, gone.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            await gone.CancelAsync();
        }
    }

    /// <summary>The client's messages, as one stream into the container's stdin; a close from the client ends the attach.</summary>
    private static async Task InputAsync(WebSocket socket, ContainerService containers, string id, CancellationTokenSource gone)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var copy = ContainerRoutes.CopyInputAsync(containers, id, pipe.Reader.AsStream());
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, gone.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                await pipe.Writer.WriteAsync(buffer.AsMemory(0, received.Count), gone.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        await pipe.Writer.CompleteAsync();
        await copy;
    }
}
