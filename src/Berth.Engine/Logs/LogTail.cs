using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Logs;

/// <summary>
/// Where <c>--tail N</c> starts: found by reading the log backwards in blocks from its end, so
/// the cost follows the lines asked for, not the size of the log.
/// </summary>
/// <remarks>
/// A <em>record</em> is what lies between two newlines; bytes after the last newline (a record
/// conmon is still writing) are one too. A <em>line</em> is a run of records ending with an
/// <c>F</c> record: the <c>P</c> records of a long line, and anything unparseable, come before
/// it. A line starts just after the previous line's <c>F</c> record. Lines are counted in the
/// file, before the stream and time filters, as Docker's json-file counts them.
/// <code>
///   ... F ⏎ | P ⏎ P ⏎ F ⏎ | F ⏎ | F ⏎   ← read blocks from here, backwards
///            └ start of tail 3: just after the 4th F from the end
/// </code>
/// </remarks>
internal static class LogTail
{
    internal const int BlockSize = 1 << 16;

    /// <summary>
    /// The offset where the last <paramref name="lines"/> lines of <paramref name="path"/> start,
    /// and how many lines follow it. A file with fewer lines starts at 0, one with none at its
    /// end; tail 0 is the end. A missing file is empty.
    /// </summary>
    public static async Task<(long Offset, int Lines)> FindAsync(string path, int lines, CancellationToken ct)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return (0, 0);
        }
        using (file)
        {
            long length = RandomAccess.GetLength(file);
            if (lines <= 0)
                return (length, 0);
            byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
            try
            {
                return await FindAsync(file, length, lines, block, ct);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
        }
    }

    private static async Task<(long Offset, int Lines)> FindAsync(SafeFileHandle file, long length, int lines, byte[] block, CancellationToken ct)
    {
        int found = 0;
        long recordEnd = length; // where the record being looked for ends: its newline, or the end of the file
        long blockStart = length;
        while (blockStart > 0)
        {
            long blockEnd = blockStart;
            blockStart = Math.Max(0, blockEnd - BlockSize);
            int size = (int)(blockEnd - blockStart);
            await ReadBlockAsync(file, block.AsMemory(0, size), blockStart, ct);
            for (int i = size; (i = block.AsSpan(0, i).LastIndexOf((byte)'\n')) >= 0;)
            {
                long start = blockStart + i + 1;
                if (await IsLineEndAsync(file, block, blockStart, blockEnd, start, recordEnd, ct) && ++found == lines + 1)
                    return (recordEnd + 1, lines);
                recordEnd = blockStart + i;
            }
            if (blockStart == 0 && await IsLineEndAsync(file, block, 0, blockEnd, 0, recordEnd, ct) && ++found == lines + 1)
                return (recordEnd + 1, lines);
        }
        return found > 0 ? (0, found) : (length, 0);
    }

    /// <summary>
    /// Whether the record [<paramref name="start"/>, <paramref name="end"/>) is an <c>F</c> record:
    /// its third field begins with F. Its head is usually in the block; a record running past the
    /// block (the one a block boundary cuts) is read on from the file.
    /// </summary>
    private static async ValueTask<bool> IsLineEndAsync(SafeFileHandle file, byte[] block, long blockStart, long blockEnd, long start, long end, CancellationToken ct)
    {
        int spaces = 0;
        long inBlock = Math.Min(end, blockEnd);
        bool? isEnd = Classify(block.AsSpan((int)(start - blockStart), (int)(inBlock - start)), ref spaces);
        if (isEnd is not null || inBlock == end)
            return isEnd ?? false;
        byte[] head = new byte[256];
        for (long at = inBlock; at < end;)
        {
            int n = await RandomAccess.ReadAsync(file, head.AsMemory(0, (int)Math.Min(head.Length, end - at)), at, ct);
            if (n == 0)
                break;
            if (Classify(head.AsSpan(0, n), ref spaces) is bool known)
                return known;
            at += n;
        }
        return false;
    }

    /// <summary>Feeds a record's bytes in order: true or false once the byte after its second space is seen, null until then.</summary>
    private static bool? Classify(ReadOnlySpan<byte> bytes, ref int spaces)
    {
        foreach (byte b in bytes)
        {
            if (spaces == 2)
                return b == (byte)'F';
            if (b == (byte)' ')
                spaces++;
        }
        return null;
    }

    private static async ValueTask ReadBlockAsync(SafeFileHandle file, Memory<byte> buffer, long offset, CancellationToken ct)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = await RandomAccess.ReadAsync(file, buffer[got..], offset + got, ct);
            if (n == 0)
                break;
            got += n;
        }
        // Logs are rotated by rename, never truncated; should one shrink anyway, what is gone
        // reads as bytes without newlines or spaces: no records, no lines.
        buffer.Span[got..].Clear();
    }
}
