using System.Net.WebSockets;
using System.Text;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>GET /containers/{id}/attach/ws</c> with .NET's <see cref="ClientWebSocket"/> over the
/// daemon's socket: the log with <c>logs</c>, stdin in and live output back with <c>stream</c>,
/// binary frames at API 1.47 and text frames before 1.42, as dockerd's.
/// </summary>
public sealed class WebSocketAttachTests(DaemonFixture daemon) : IClassFixture<DaemonFixture>
{
    private const string Prefix = "wsattach18";

    [RequiresRootFact]
    public async Task Logs_then_stdin_and_live_output_travel_as_websocket_messages()
    {
        await daemon.Docker("rm", "-f", Prefix + "-cat", Prefix + "-echo");
        try
        {
            await daemon.DockerOk("run", "-d", "--name", Prefix + "-echo", "busybox", "echo", "from the log");
            await daemon.DockerOk("wait", Prefix + "-echo");
            using (var logs = await ConnectAsync($"/v1.41/containers/{Prefix}-echo/attach/ws?logs=1&stdout=1"))
            {
                var (text, type) = await ReceiveAsync(logs);
                Assert.Equal(("from the log\n", WebSocketMessageType.Text), (text, type));
                Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(logs)).Type);
            }

            await daemon.DockerOk("run", "-d", "-i", "--name", Prefix + "-cat", "busybox", "sh", "-c", "sleep 1; echo started; cat");
            using var live = await ConnectAsync($"/v1.47/containers/{Prefix}-cat/attach/ws?stream=1&stdin=1&stdout=1&stderr=1");
            await live.SendAsync(Encoding.UTF8.GetBytes("typed in\n"), WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(("started\n", WebSocketMessageType.Binary), await ReceiveAsync(live));
            Assert.Equal(("typed in\n", WebSocketMessageType.Binary), await ReceiveAsync(live));
            await daemon.DockerOk("stop", "-t", "1", Prefix + "-cat");
            Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(live)).Type);

            using var http = daemon.CreateHttpClient();
            var missing = await http.GetAsync($"/containers/{Prefix}-none/attach/ws?stream=1");
            Assert.Equal(404, (int)missing.StatusCode);
        }
        finally
        {
            await daemon.Docker("rm", "-f", Prefix + "-cat", Prefix + "-echo");
        }
    }

    private async Task<ClientWebSocket> ConnectAsync(string path)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri("ws://berth" + path), daemon.CreateHttpClient(), timeout.Token);
        return socket;
    }

    /// <summary>One whole message (or the close), within 20 seconds.</summary>
    private static async Task<(string Text, WebSocketMessageType Type)> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var message = new MemoryStream();
        byte[] buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return (Encoding.UTF8.GetString(message.ToArray()), result.MessageType);
    }
}
