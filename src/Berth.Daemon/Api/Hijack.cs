using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api;

/// <summary>
/// Takes over the connection as Docker's attach and exec do: HTTP 101 with
/// <c>Upgrade: tcp</c> when the client asks for it, else a streamed 200, either way with the
/// stream's content type (raw with a TTY, multiplexed without). Disposing the stream ends the
/// connection. From here on the client's half-close does not end the connection
/// (<see cref="HalfCloseTolerantConnection"/>).
/// </summary>
internal static class Hijack
{
    public static async Task<Stream> OpenAsync(HttpContext context, bool tty)
    {
        string contentType = tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        // Before answering: the client may half-close as soon as it has the answer.
        context.Features.Get<HalfCloseTolerantConnection>()?.Hijacked();
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is { IsUpgradableRequest: true })
        {
            context.Response.Headers.ContentType = contentType;
            context.Response.Headers.Connection = "Upgrade";
            context.Response.Headers.Upgrade = "tcp";
            return await upgrade.UpgradeAsync();
        }
        var transport = context.Features.Get<IConnectionTransportFeature>()?.Transport;
        if (transport is not null && string.Equals(context.Request.Headers.Upgrade, "tcp", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel refuses to upgrade a request that has a body, and exec start has one
            // ({"Detach":false,...}). The body has been read; answer 101 on the raw transport.
            string head = $"HTTP/1.1 101 UPGRADED\r\nContent-Type: {contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
            await transport.Output.WriteAsync(Encoding.ASCII.GetBytes(head));
            return new RawConnectionStream(context, transport);
        }
        context.Response.Headers.ContentType = contentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // headers now: clients wait for them before reading
        return context.Response.Body;
    }

    /// <summary>The connection's own pipes as a stream; disposing it aborts the connection.</summary>
    private sealed class RawConnectionStream(HttpContext context, IDuplexPipe transport) : Stream
    {
        private readonly Stream _input = transport.Input.AsStream(leaveOpen: true);
        private readonly Stream _output = transport.Output.AsStream(leaveOpen: true);

        public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => _input.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _input.ReadAsync(buffer, offset, count, ct);
        public override void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => _output.WriteAsync(buffer, ct);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => _output.WriteAsync(buffer, offset, count, ct);
        public override void Flush() => _output.Flush();
        public override Task FlushAsync(CancellationToken ct) => _output.FlushAsync(ct);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await _output.FlushAsync();
            await transport.Output.CompleteAsync();
            context.Abort();
            await base.DisposeAsync();
        }
    }
}
