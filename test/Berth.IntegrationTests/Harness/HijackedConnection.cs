using System.Net.Sockets;
using System.Text;

namespace Berth.IntegrationTests.Harness;

/// <summary>
/// A raw Engine API connection taken over as the docker CLI takes it over for attach and exec
/// (<c>Upgrade: tcp</c>): the test writes the client's input itself and reads what comes back.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StringBuilder _received = new();

    private HijackedConnection(Socket socket, string status)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Status = status;
    }

    /// <summary>The response's status line, <c>HTTP/1.1 101 ...</c> when the daemon took the connection over.</summary>
    public string Status { get; }

    /// <summary>Everything read since the headers, Latin-1.</summary>
    public string Received => _received.ToString();

    public static async Task<HijackedConnection> OpenAsync(string socketPath, string path, string body = "")
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        string request = $"POST {path} HTTP/1.1\r\nHost: berth\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        // The headers, byte by byte so nothing of the stream after them is taken.
        var head = new List<byte>();
        var one = new byte[1];
        while (!head.TakeLast(4).SequenceEqual("\r\n\r\n"u8.ToArray()) && await socket.ReceiveAsync(one) == 1)
            head.Add(one[0]);
        string status = Encoding.ASCII.GetString([.. head]).Split("\r\n")[0];
        return new HijackedConnection(socket, status);
    }

    public async Task TypeAsync(string keys) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(keys));

    /// <summary>Reads until <paramref name="text"/> has arrived; false if the connection ended or the time ran out first.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            while (!Received.Contains(text))
            {
                int n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                    return false;
                _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads until the daemon closes the connection; false if it is still open when the time runs out.</summary>
    public async Task<bool> WaitForEndAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await _stream.ReadAsync(buffer, cts.Token)) > 0)
                _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset rather than closed: ended all the same
        }
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
