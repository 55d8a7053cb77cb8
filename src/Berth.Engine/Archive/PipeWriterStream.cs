using System.IO.Pipelines;

namespace Berth.Engine.Archive;

/// <summary>
/// A tar's way into a response body's <see cref="PipeWriter"/>: <c>TarWriter</c> writes its
/// headers and padding as to any stream (copied into the pipe's memory), while
/// <see cref="FileContentStream"/> reads a file's bytes straight into the pipe's own memory
/// (<see cref="GetMemory"/>, <see cref="AdvanceAsync"/>), the memory the socket then sends
/// from: no copy through a buffer of ours. The pipe is flushed once <see cref="FlushEvery"/>
/// bytes wait, and at <see cref="FlushAsync(CancellationToken)"/>.
/// </summary>
/// <remarks>
/// The server sends each block of memory it hands out as one HTTP chunk. The first request of
/// each window between flushes asks for the whole window (and some slack for headers), and the
/// window's later requests stay within it, so a window is one block and one 1 MiB chunk: the
/// client reads a large chunk in full-size reads, where 64 KiB chunks made the docker CLI read
/// (and write to its file) half as often again. Only the chunking depends on this, never the bytes.
/// </remarks>
internal sealed class PipeWriterStream(PipeWriter writer) : Stream
{
    /// <summary>
    /// Large enough that the client's reads are full and the sender's wake-ups few, small
    /// enough that its first bytes are on their way after a handful of files.
    /// </summary>
    internal const int FlushEvery = 1 << 20;

    /// <summary>Room past the window for the header or padding that crosses its end.</summary>
    private const int Slack = 16 * 1024;

    private int _unflushed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Memory for at least one and at most <paramref name="wanted"/> bytes, no further than the
    /// window's end, to fill and then commit with <see cref="AdvanceAsync"/>.
    /// </summary>
    public Memory<byte> GetMemory(long wanted)
    {
        int count = (int)Math.Clamp(Math.Min(wanted, FlushEvery - _unflushed), 1, FlushEvery);
        return Next(count)[..count];
    }

    /// <summary>Commits <paramref name="count"/> bytes written into <see cref="GetMemory"/>'s memory; flushes a full window.</summary>
    public ValueTask AdvanceAsync(int count, CancellationToken ct)
    {
        writer.Advance(count);
        _unflushed += count;
        return _unflushed >= FlushEvery ? FlushPipeAsync(ct) : ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
            return;
        buffer.CopyTo(Next(buffer.Length).Span);
        writer.Advance(buffer.Length);
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

    /// <summary>The pipe's memory for <paramref name="count"/> more bytes: a whole window's at the start of one.</summary>
    private Memory<byte> Next(int count) => writer.GetMemory(_unflushed == 0 ? Math.Max(count, FlushEvery + Slack) : count);

    private async ValueTask FlushPipeAsync(CancellationToken ct)
    {
        _unflushed = 0;
        await writer.FlushAsync(ct);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
