using System.Text;
using Berth.Core.Containers;

namespace Berth.Tests.Containers;

public sealed class DetachKeyStreamTests
{
    private static readonly byte[] s_ctrlPQ = [0x10, 0x11];

    /// <summary>Reads everything, as a copy into the container's stdin would; each chunk is one read of the client's input.</summary>
    private static async Task<(string Passed, bool Detached)> TypeAsync(byte[] keys, params string[] chunks)
    {
        var stream = new DetachKeyStream(new ChunkedStream(chunks.Select(Encoding.Latin1.GetBytes)), keys);
        var passed = new MemoryStream();
        await stream.CopyToAsync(passed);
        return (Encoding.Latin1.GetString(passed.ToArray()), stream.Detached.IsCompleted);
    }

    [Fact]
    public async Task Input_without_the_sequence_passes_unchanged()
    {
        Assert.Equal(("echo hi\r", false), await TypeAsync(s_ctrlPQ, "echo ", "hi\r"));
    }

    [Fact]
    public async Task The_sequence_ends_the_input_after_what_came_before_it()
    {
        Assert.Equal(("echo hi\r", true), await TypeAsync(s_ctrlPQ, "echo hi\r\u0010\u0011", "never read"));
        Assert.Equal(("", true), await TypeAsync(s_ctrlPQ, "\u0010", "\u0011"));
        Assert.Equal(("ab", true), await TypeAsync(s_ctrlPQ, "ab\u0010\u0011cd"));
    }

    [Fact]
    public async Task A_sequence_that_does_not_complete_is_passed_on()
    {
        Assert.Equal(("a\u0010b", false), await TypeAsync(s_ctrlPQ, "a\u0010b"));
        Assert.Equal(("a\u0010b", false), await TypeAsync(s_ctrlPQ, "a\u0010", "b"));
        Assert.Equal(("\u0010x\r", false), await TypeAsync(s_ctrlPQ, "\u0010", "x\r"));
        Assert.Equal(("\u0011\u0010", false), await TypeAsync(s_ctrlPQ, "\u0011", "\u0010"));
    }

    [Fact]
    public async Task The_start_of_a_sequence_cut_short_by_eof_is_passed_on()
    {
        Assert.Equal(("x\u0010", false), await TypeAsync(s_ctrlPQ, "x", "\u0010"));
    }

    [Fact]
    public async Task A_repeated_first_key_still_starts_the_sequence()
    {
        Assert.Equal(("\u0010", true), await TypeAsync(s_ctrlPQ, "\u0010", "\u0010", "\u0011"));
        Assert.Equal(("a", true), await TypeAsync("aab"u8.ToArray(), "aaab"));
        Assert.Equal(("aba", true), await TypeAsync("aab"u8.ToArray(), "ab", "a", "aab"));
    }

    [Fact]
    public async Task A_single_key_sequence_detaches_at_once()
    {
        Assert.Equal(("xy", true), await TypeAsync([0x18], "xy\u0018z"));
    }

    [Fact]
    public async Task Small_reads_get_everything_in_order()
    {
        var stream = new DetachKeyStream(new ChunkedStream([Encoding.Latin1.GetBytes("abc\u0010"), Encoding.Latin1.GetBytes("d\u0010\u0011")]), s_ctrlPQ);
        var passed = new List<byte>();
        var one = new byte[1];
        while (stream.Read(one, 0, 1) == 1)
            passed.Add(one[0]);
        Assert.Equal("abc\u0010d", Encoding.Latin1.GetString([.. passed]));
        Assert.True(stream.Detached.IsCompleted);
        Assert.Equal(0, stream.Read(one, 0, 1));
    }

    /// <summary>Returns each chunk from one read, as a socket delivers separate writes.</summary>
    private sealed class ChunkedStream(IEnumerable<byte[]> chunks) : Stream
    {
        private Queue<byte[]> _chunks = new(chunks);

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!_chunks.TryDequeue(out var chunk))
                return 0;
            int n = Math.Min(count, chunk.Length);
            chunk.AsSpan(0, n).CopyTo(buffer.AsSpan(offset));
            if (n < chunk.Length)
                _chunks = new Queue<byte[]>([chunk[n..], .. _chunks]);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
