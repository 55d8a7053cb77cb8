using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon;

/// <summary>
/// Kestrel treats a client's FIN as the end of the connection: it aborts the request
/// (<c>RequestAborted</c> fires) and stops sending. That is right for an ordinary request, as
/// Docker's server does (a client gone cancels its import, load or build), but not once the
/// connection is hijacked: Docker's clients half-close attach and exec connections on purpose
/// (no stdin, or stdin at EOF) and then read the output to the end.
/// <para>
/// This wrapper passes the transport's "closed" signal through until <see cref="Hijacked"/> is
/// called (by <c>Hijack.OpenAsync</c>, through the connection's features, before it answers),
/// and hides it from then on: the input still reports EOF (which attach turns into the
/// container's stdin EOF), and a client really gone shows as a failed write. A client that
/// half-closes before its hijack is answered is treated as gone; Docker's clients wait for the
/// answer first.
/// </para>
/// <para>
/// An abort of a hijacked connection (the hijacked stream's end) drains instead of cutting:
/// the stream's last bytes (exec's "OCI runtime exec failed ...") may still be in the
/// transport's output pipe, and the transport's abort shuts the socket at once, dropping them.
/// The output is completed, so the transport sends what it has and closes; the transport is
/// aborted for real only if the client has not taken it all within <see cref="s_drainTimeout"/>,
/// or on a second abort.
/// </para>
/// </summary>
internal sealed class HalfCloseTolerantConnection : ConnectionContext
{
    private readonly ConnectionContext _inner;
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenRegistration _innerClosed;
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);
    private volatile bool _hijacked;
    private int _draining;
    private volatile bool _disposed;

    private HalfCloseTolerantConnection(ConnectionContext inner)
    {
        _inner = inner;
        inner.Features.Set(this);
        _innerClosed = inner.ConnectionClosed.UnsafeRegister(static state =>
        {
            var self = (HalfCloseTolerantConnection)state!;
            if (!self._hijacked)
                self.Close();
        }, this);
    }

    public static ConnectionDelegate Middleware(ConnectionDelegate next) =>
        context => next(new HalfCloseTolerantConnection(context));

    /// <summary>From now on the client's FIN is a half-close, not the end of the connection.</summary>
    public void Hijacked() => _hijacked = true;

    public override string ConnectionId { get => _inner.ConnectionId; set => _inner.ConnectionId = value; }
    public override IFeatureCollection Features => _inner.Features;
    public override IDictionary<object, object?> Items { get => _inner.Items; set => _inner.Items = value; }
    public override IDuplexPipe Transport { get => _inner.Transport; set => _inner.Transport = value; }
    public override CancellationToken ConnectionClosed { get => _closed.Token; set { } }
    public override EndPoint? LocalEndPoint { get => _inner.LocalEndPoint; set => _inner.LocalEndPoint = value; }
    public override EndPoint? RemoteEndPoint { get => _inner.RemoteEndPoint; set => _inner.RemoteEndPoint = value; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        if (_hijacked && Interlocked.Exchange(ref _draining, 1) == 0)
        {
            _inner.Transport.Output.Complete();
            _ = Task.Delay(s_drainTimeout).ContinueWith(_ =>
            {
                if (!_disposed)
                    _inner.Abort(abortReason);
            }, TaskScheduler.Default);
        }
        else
            _inner.Abort(abortReason);
        Close();
    }

    public override async ValueTask DisposeAsync()
    {
        await _innerClosed.DisposeAsync();
        Close();
        await _inner.DisposeAsync();
        _disposed = true;
        _closed.Dispose();
    }

    private void Close()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed with the connection: nothing is listening any more.
        }
    }
}
