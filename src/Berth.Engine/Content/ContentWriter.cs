using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Linux.Files;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Content;

/// <summary>
/// <see cref="ContentStore"/>'s ingest: bytes go to a private temp file and through SHA-256;
/// commit flushes the file to disk, then renames it to its digest's path, so a blob is either
/// absent or whole, even across a crash. Disposing without a commit deletes the temp file.
/// </summary>
/// <remarks>
/// The caller's bytes are gathered into 1 MiB buffers, which a pump task hashes and writes
/// while the caller goes on (unpacking the same bytes, say): on two cores the blob costs the
/// caller little more than a memory copy.
/// <code>
///   WriteAsync ──copy──► buffer ──full──► queue (4 deep) ──► pump: SHA-256, pwrite ──► temp file
///                                                              every 8 MiB: writeback started
///   DigestAsync: last buffer queued, queue closed, pump awaited, hash finished
///   CommitAsync: fsync (little left to write by then), rename
/// </code>
/// </remarks>
internal sealed class ContentWriter : IContentWriter
{
    private const int BufferSize = 1 << 20;
    /// <summary>How much the pump writes before it starts that much on its way to disk.</summary>
    private const int WritebackChunk = 8 << 20;

    private readonly string _temp;
    private readonly Func<string, string> _pathOf;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SafeFileHandle _file;
    private readonly Channel<(byte[] Buffer, int Count)> _queue =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
    private readonly Task _pump;
    private byte[]? _buffer;
    private int _buffered;
    private long _queued;
    private string? _digest;
    private bool _committed;

    public ContentWriter(string temp, Func<string, string> pathOf)
    {
        _temp = temp;
        _pathOf = pathOf;
        _file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write);
        _pump = Task.Run(PumpAsync);
    }

    public long Size => _queued + _buffered;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_digest is not null)
            throw new InvalidOperationException("the blob's digest was taken: no more writes");
        while (!data.IsEmpty)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(BufferSize);
            int n = Math.Min(data.Length, BufferSize - _buffered);
            data.Span[..n].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += n;
            data = data[n..];
            if (_buffered == BufferSize)
                await QueueAsync(ct);
        }
    }

    private async ValueTask QueueAsync(CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync((_buffer!, _buffered), ct);
        }
        catch (ChannelClosedException)
        {
            await _pump; // the pump failed (a full disk, say) and closed the queue: its error, not this one
            throw;
        }
        _queued += _buffered;
        _buffer = null;
        _buffered = 0;
    }

    private async Task PumpAsync()
    {
        long offset = 0, writeback = 0;
        try
        {
            await foreach (var (buffer, count) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    _hash.AppendData(buffer, 0, count);
                    RandomAccess.Write(_file, buffer.AsSpan(0, count), offset);
                    offset += count;
                    // The commit's fsync must not find 100 MB still to write: start it early.
                    if (offset - writeback >= WritebackChunk)
                    {
                        FileSystem.StartWriteback(_file, writeback, offset - writeback);
                        writeback = offset;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e); // a writer waiting on a full queue must not wait forever
            throw;
        }
    }

    /// <summary>The digest of everything written; waits for the writes in flight. Ends the writing.</summary>
    public async ValueTask<string> DigestAsync(CancellationToken ct)
    {
        if (_digest is not null)
            return _digest;
        if (_buffered > 0)
            await QueueAsync(ct);
        _queue.Writer.TryComplete();
        await _pump;
        return _digest = Core.Images.Digest.FromHash(_hash.GetHashAndReset());
    }

    public async Task<string> CommitAsync(string? expected, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        string digest = await DigestAsync(ct);
        if (expected is not null && expected != digest)
            throw BerthException.Invalid($"digest mismatch: expected {expected}, got {digest}");
        ct.ThrowIfCancellationRequested();
        RandomAccess.FlushToDisk(_file);
        _file.Dispose();
        File.Move(_temp, _pathOf(digest), overwrite: true);
        _committed = true;
        return digest;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump;
        }
        catch
        {
            // Already reported to the writer, or nobody is left to care: the file goes anyway.
        }
        if (_buffer is not null)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _file.Dispose();
        _hash.Dispose();
        if (!_committed)
            File.Delete(_temp);
    }
}
