using Berth.Engine.IO;

namespace Berth.Engine.Distribution;

/// <summary>A read pass-through that reports the running byte count (push's "Pushing" progress). Leaves the inner stream open.</summary>
internal sealed class CountingStream(Stream inner, IProgress<long>? progress) : ReadOnlyStream
{
    private long _count;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        Report(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        Report(n);
        return n;
    }

    private void Report(int n)
    {
        if (n <= 0)
            return;
        _count += n;
        progress?.Report(_count);
    }

    public override long Length => inner.Length;
    public override long Position { get => _count; set => throw new NotSupportedException(); }
}
