using Berth.Core.Content;
using Berth.Engine.IO;

namespace Berth.Engine.Archive;

/// <summary>
/// A read-only pass-through that also writes every byte read into a content writer (a layer
/// blob reaches the content store in the same pass that unpacks it, and is hashed there, once)
/// or into a stream (a build context spooled while it is indexed).
/// Does not dispose the stream it reads, nor the sink.
/// </summary>
internal sealed class TeeStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _sink;

    public TeeStream(Stream inner, IContentWriter sink)
    {
        _inner = inner;
        _sink = sink.WriteAsync;
    }

    public TeeStream(Stream inner, Stream sink)
    {
        _inner = inner;
        _sink = sink.WriteAsync;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await _inner.ReadAsync(buffer, ct);
        if (n > 0)
            await _sink(buffer[..n], ct);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

}
