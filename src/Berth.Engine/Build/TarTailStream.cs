using Berth.Engine.IO;

namespace Berth.Engine.Build;

/// <summary>
/// A tar stream followed by zero blocks. The docker CLI sends a context whose Dockerfile it
/// added (<c>-f</c> outside the context, <c>-f -</c>) without the last entry's padding and the
/// end-of-archive blocks; Go's reader, and so dockerd, accept that, .NET's does not. The zeros
/// complete the padding and end the archive; after a complete archive they are never read.
/// </summary>
internal sealed class TarTailStream(Stream inner) : ReadOnlyStream
{
    private int _tail = 512 + 1024;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        return n > 0 ? n : Tail(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        return n > 0 ? n : Tail(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Tail(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _tail);
        buffer[..n].Clear();
        _tail -= n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

}
