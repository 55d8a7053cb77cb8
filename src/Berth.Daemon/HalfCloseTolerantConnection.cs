using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon;

/// <summary>
/// Kestrel treats a client's FIN as the end of the connection and stops sending. Docker's
/// clients half-close hijacked attach connections on purpose (no stdin, or stdin at EOF)
/// and then read the output to the end. This wrapper hides the transport's "closed" signal
/// from Kestrel; the input still reports EOF (which attach turns into the container's stdin
/// EOF), and a client really gone still shows as a failed write.
/// </summary>
internal sealed class HalfCloseTolerantConnection(ConnectionContext inner) : ConnectionContext
{
    private readonly CancellationTokenSource _closed = new();

    public static ConnectionDelegate Middleware(ConnectionDelegate next) =>
        context => next(new HalfCloseTolerantConnection(context));

    public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }
    public override IFeatureCollection Features => inner.Features;
    public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }
    public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }
    public override CancellationToken ConnectionClosed { get => _closed.Token; set { } }
    public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }
    public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        inner.Abort(abortReason);
        _closed.Cancel();
    }

    public override async ValueTask DisposeAsync()
    {
        _closed.Cancel();
        await inner.DisposeAsync();
        _closed.Dispose();
    }
}
