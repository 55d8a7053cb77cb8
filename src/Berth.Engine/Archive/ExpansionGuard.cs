using Berth.Engine.Distribution;
using Berth.Engine.IO;

namespace Berth.Engine.Archive;

/// <summary>
/// A decompressing stream that checks, as it is read, how far its output has grown against the
/// compressed bytes it consumed (<see cref="ArchiveLimits.CheckExpansion"/>): a bomb is refused
/// after at most one buffer past the limit, before anything is written from it. Disposing it
/// disposes the decompressor.
/// </summary>
internal sealed class ExpansionGuard(Stream decompressed, CountingStream compressed, ArchiveLimits limits) : ReadOnlyStream
{
    private long _out;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await decompressed.ReadAsync(buffer, ct);
        Check(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = decompressed.Read(buffer, offset, count);
        Check(n);
        return n;
    }

    private void Check(int n)
    {
        _out += n;
        limits.CheckExpansion(compressed.Position, _out);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            decompressed.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await decompressed.DisposeAsync();
        await base.DisposeAsync();
    }
}
