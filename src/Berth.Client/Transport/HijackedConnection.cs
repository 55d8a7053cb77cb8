using System.Net.Security;
using System.Net.Sockets;

namespace Berth.Client.Transport;

/// <summary>
/// A connection taken over after the HTTP upgrade of attach/exec: reads return the
/// container's output (raw, or multiplexed when there is no TTY), writes feed its stdin.
/// <see cref="CloseWrite"/> half-closes so the container sees EOF on stdin while its
/// remaining output still arrives.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly byte[] _leftover;
    private int _leftoverOffset;

    internal HijackedConnection(Socket socket, Stream stream, byte[] leftover)
    {
        _socket = socket;
        _stream = stream;
        _leftover = leftover;
    }

    /// <summary>Reads output; the bytes that arrived with the 101 response come first.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_leftoverOffset < _leftover.Length)
        {
            var count = Math.Min(buffer.Length, _leftover.Length - _leftoverOffset);
            _leftover.AsMemory(_leftoverOffset, count).CopyTo(buffer);
            _leftoverOffset += count;
            return count;
        }

        try
        {
            return await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The daemon closing the connection after the container exits is the normal end.
            return 0;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => _stream.WriteAsync(data, cancellationToken);

    public void CloseWrite()
    {
        try
        {
            if (_stream is SslStream ssl)
            {
                // TLS first says it is done (close_notify), as Go's CloseWrite does; then the FIN.
                ssl.ShutdownAsync().GetAwaiter().GetResult();
            }

            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            // Already closed by the peer: nothing left to signal.
        }
    }

    /// <summary>Exposes the read side as a <see cref="Stream"/> for the demultiplexer.</summary>
    public Stream AsReadStream() => new HijackedReadStream(this);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
