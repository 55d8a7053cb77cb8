using System.Buffers;
using System.IO.Pipelines;

namespace Berth.Engine.Archive;

/// <summary>
/// A tar's way into a response body's <see cref="PipeWriter"/>: <c>TarWriter</c> writes its
/// headers and padding as to any stream (copied into the pipe's memory), while
/// <see cref="FileContentStream"/> reads a file's bytes straight into the pipe's own buffers
/// (<see cref="GetMemory"/>, <see cref="AdvanceAsync"/>), the ones the socket then sends from:
/// no copy through a buffer of ours. The pipe is flushed, one HTTP chunk, once at least
/// <see cref="FlushEvery"/> bytes wait, and at <see cref="FlushAsync(CancellationToken)"/>.
/// </summary>
internal sealed class PipeWriterStream(PipeWriter writer) : Stream
{
    /// <summary>
    /// Large enough that the client's reads are full and the sender's wake-ups few, small
    /// enough that its first bytes are on their way after a handful of files.
    /// </summary>
    internal const int FlushEvery = 1 << 20;

    /// <summary>
    /// What a file read asks of the pipe at most: the server's buffer blocks are 64 KiB, and a
    /// larger request would be a one-off array instead of a pooled block.
    /// </summary>
    internal const int ReadSize = 60 * 1024;

    private long _unflushed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>At least one byte and at most <see cref="ReadSize"/> of the pipe's memory to fill, then <see cref="AdvanceAsync"/>.</summary>
    public Memory<byte> GetMemory(long wanted)
    {
        var memory = writer.GetMemory((int)Math.Clamp(wanted, 1, ReadSize));
        return memory.Length > wanted ? memory[..(int)wanted] : memory;
    }

    /// <summary>Commits <paramref name="count"/> bytes written into <see cref="GetMemory"/>'s memory.</summary>
    public ValueTask AdvanceAsync(int count, CancellationToken ct)
    {
        writer.Advance(count);
        _unflushed += count;
        return _unflushed >= FlushEvery ? FlushPipeAsync(ct) : ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        writer.Write(buffer);
        _unflushed += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Write(buffer.Span);
        return _unflushed >= FlushEvery ? FlushPipeAsync(ct) : ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override Task FlushAsync(CancellationToken ct) => FlushPipeAsync(ct).AsTask();

    /// <summary>Nothing: what waits goes at the next <see cref="FlushAsync(CancellationToken)"/> (a pipe flushes asynchronously).</summary>
    public override void Flush() { }

    private async ValueTask FlushPipeAsync(CancellationToken ct)
    {
        _unflushed = 0;
        await writer.FlushAsync(ct);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
