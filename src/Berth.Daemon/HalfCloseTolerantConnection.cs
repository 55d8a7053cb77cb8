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
/// </summary>
internal sealed class HalfCloseTolerantConnection : ConnectionContext
{
    private readonly ConnectionContext _inner;
    private readonly CancellationTokenSource _closed = new();
    private readonly CancellationTokenRegistration _innerClosed;
    private volatile bool _hijacked;

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
        _inner.Abort(abortReason);
        Close();
    }

    public override async ValueTask DisposeAsync()
    {
        await _innerClosed.DisposeAsync();
        Close();
        await _inner.DisposeAsync();
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
