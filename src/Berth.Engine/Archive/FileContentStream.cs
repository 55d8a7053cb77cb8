using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Archive;

/// <summary>
/// A file's bytes for a tar entry, read synchronously: a read from the page cache costs less
/// than the hop through the thread pool an asynchronous <see cref="FileStream"/> makes for
/// every chunk on Linux. <see cref="CopyToAsync(Stream, int, CancellationToken)"/> (what
/// <c>TarWriter</c> calls) moves the file in chunks of up to 1 MiB, one write each.
/// </summary>
internal sealed class FileContentStream(string path) : Stream
{
    private const int ChunkSize = 1 << 20;
    private readonly SafeFileHandle _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true; // TarWriter takes the entry's size from a seekable stream
    public override bool CanWrite => false;
    public override long Length => RandomAccess.GetLength(_file);

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = RandomAccess.Read(_file, buffer, _position);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(Length - _position, 1, ChunkSize));
        try
        {
            int n;
            while ((n = Read(buffer)) > 0)
                await destination.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _file.Dispose();
        base.Dispose(disposing);
    }
}
