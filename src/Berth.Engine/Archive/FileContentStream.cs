using System.Buffers;
using Berth.Core.Errors;
using Berth.Linux.Files;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Archive;

/// <summary>
/// A file's bytes for a tar entry: exactly the <paramref name="length"/> its lstat gave (the
/// entry's header says so), read synchronously: a read from the page cache costs less than the
/// hop through the thread pool an asynchronous <see cref="FileStream"/> makes for every chunk
/// on Linux. The file is opened without following a symlink and read through its fd alone (no
/// <c>flock</c>, <c>fstat</c> or <c>lseek</c> per file, no read past the end to find it).
/// <see cref="CopyToAsync(Stream, int, CancellationToken)"/> (what <c>TarWriter</c> calls)
/// reads the file straight into a <see cref="PipeWriterStream"/>'s buffers, or into another
/// stream in chunks of up to 1 MiB, one write each. A file that shrank meanwhile is an
/// error, as Go's tar writer makes it for Docker: the archive would be corrupt.
/// </summary>
internal sealed class FileContentStream(string path, long length) : Stream
{
    private const int ChunkSize = 1 << 20;
    private readonly SafeFileHandle _file = FileSystem.OpenToRead(path);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true; // TarWriter takes the entry's size from a seekable stream
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long left = length - _position;
        if (left <= 0 || buffer.IsEmpty)
            return 0;
        if (buffer.Length > left)
            buffer = buffer[..(int)left];
        int n = FileSystem.ReadAt(_file, buffer, _position);
        if (n == 0)
            throw new BerthException(ErrorKind.Internal, $"{path}: the file shrank while it was archived");
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken ct)
    {
        if (destination is PipeWriterStream pipe)
        {
            while (_position < length)
                await pipe.AdvanceAsync(Read(pipe.GetMemory(length - _position).Span), ct);
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length - _position, 1, ChunkSize));
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
        _ => length + offset,
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
