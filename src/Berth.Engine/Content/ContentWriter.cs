using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Images;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Content;

/// <summary>
/// <see cref="ContentStore"/>'s ingest: bytes go to a private temp file and through SHA-256
/// as they arrive; commit flushes the file to disk, then renames it to its digest's path, so
/// a blob is either absent or whole, even across a crash. Disposing without a commit deletes
/// the temp file.
/// </summary>
internal sealed class ContentWriter(string temp, Func<string, string> pathOf) : IContentWriter
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SafeFileHandle _file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write);
    private bool _committed;

    public long Size { get; private set; }

    public string Digest => Core.Images.Digest.FromHash(_hash.GetCurrentHash());

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // Positional writes land in the page cache: synchronous is cheaper than a round trip
        // through the thread pool, and the bytes are hashed while still in the CPU's cache.
        RandomAccess.Write(_file, data.Span, Size);
        _hash.AppendData(data.Span);
        Size += data.Length;
        return ValueTask.CompletedTask;
    }

    public Task<string> CommitAsync(string? expected, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        ct.ThrowIfCancellationRequested();
        string digest = Digest;
        if (expected is not null && expected != digest)
            throw BerthException.Invalid($"digest mismatch: expected {expected}, got {digest}");
        RandomAccess.FlushToDisk(_file);
        _file.Dispose();
        File.Move(temp, pathOf(digest), overwrite: true);
        _committed = true;
        return Task.FromResult(digest);
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        _hash.Dispose();
        if (!_committed)
            File.Delete(temp);
        return ValueTask.CompletedTask;
    }
}
