using System.Security.Cryptography;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.IO;

namespace Berth.Engine.Distribution;

/// <summary>
/// A read-only pass-through that refuses a blob which is longer than its descriptor says, or
/// whose digest at the end differs: the last read throws instead of returning 0, so a consumer
/// (the content store, the unpacker) never commits a corrupt blob. Disposes the inner stream.
/// </summary>
internal sealed class VerifyingStream(Stream inner, string digest, long size) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;
    private bool _verified;

    public long BytesRead => _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        int n = await inner.ReadAsync(buffer, ct);
        return Account(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer[..inner.Read(buffer)]);

    private int Account(ReadOnlySpan<byte> data)
    {
        _read += data.Length;
        if (size >= 0 && _read > size)
            throw BerthException.Invalid($"blob {digest} is larger than the {size} bytes its descriptor gives");
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            return data.Length;
        }
        if (!_verified)
        {
            string actual = Digest.FromHash(_hash.GetHashAndReset());
            if (actual != digest || (size >= 0 && _read != size))
                throw BerthException.Invalid($"filesystem layer verification failed for digest {digest}");
            _verified = true;
        }
        return 0;
    }

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        _hash.Dispose();
        await base.DisposeAsync();
    }
}
