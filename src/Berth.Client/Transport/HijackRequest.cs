using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Client.Transport;

/// <summary>
/// Performs the Engine API's connection hijack by hand, because HttpClient cannot hand
/// back the socket after a <c>101 Switching Protocols</c>:
/// <code>
/// client                                   daemon
///   POST /v1.NN/containers/ID/attach?...  →
///   Connection: Upgrade, Upgrade: tcp
///                                        ←  HTTP/1.1 101 UPGRADED (or 200 OK from old daemons)
///   stdin bytes                           →
///                                        ←  raw or multiplexed output until the container exits
/// </code>
/// </summary>
internal static class HijackRequest
{
    private const int MaxHeaderBytes = 64 * 1024;

    public static Task<HijackedConnection> SendAsync(DaemonEndpoint endpoint, string pathAndQuery, CancellationToken cancellationToken)
        => SendAsync(endpoint, pathAndQuery, null, cancellationToken);

    /// <summary>The same upgrade with a JSON body, as <c>POST /exec/{id}/start</c> needs.</summary>
    public static async Task<HijackedConnection> SendAsync(DaemonEndpoint endpoint, string pathAndQuery, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        var (socket, stream) = await SocketConnector.ConnectStreamAsync(endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            var contentType = jsonBody is null ? "text/plain" : "application/json";
            var request = $"POST {pathAndQuery} HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Berth-Client\r\n"
                + $"Content-Type: {contentType}\r\nContent-Length: {jsonBody?.Length ?? 0}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
            if (jsonBody is not null)
            {
                await stream.WriteAsync(jsonBody, cancellationToken).ConfigureAwait(false);
            }

            var (status, headers, leftover) = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            if (status is 101 or 200)
            {
                return new HijackedConnection(socket, stream, leftover);
            }

            var body = await ReadErrorBodyAsync(stream, headers, leftover, cancellationToken).ConfigureAwait(false);
            throw new EngineApiException((HttpStatusCode)status, ErrorBody.ExtractMessage(body));
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            throw;
        }
    }

    private static async Task<(int Status, string Headers, byte[] Leftover)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buffer, 0, end);
                var statusLine = head.Split("\r\n", 2)[0].Split(' ');
                var status = statusLine.Length > 1 && int.TryParse(statusLine[1], out var s) ? s : 0;
                return (status, head, buffer[(end + 4)..filled]);
            }

            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeaderBytes)
                {
                    throw new IOException("response headers from the daemon are too large");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the daemon closed the connection before answering");
            }

            filled += read;
        }
    }

    private static async Task<string> ReadErrorBodyAsync(Stream stream, string headers, byte[] leftover, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        body.Write(leftover);
        var length = -1;
        foreach (var line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) && int.TryParse(line.AsSpan(15).Trim(), out var n))
            {
                length = n;
            }
        }

        var chunk = new byte[4096];
        while (length < 0 || body.Length < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            body.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(body.GetBuffer(), 0, length < 0 ? (int)body.Length : Math.Min(length, (int)body.Length));
    }
}
