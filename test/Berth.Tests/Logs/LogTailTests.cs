using System.Text;
using Berth.Engine.Logs;

namespace Berth.Tests.Logs;

public sealed class LogTailTests : IDisposable
{
    private const string Head = "2026-01-01T00:00:01+00:00 stdout ";

    private readonly TempDir _dir = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reading_backwards_finds_what_counting_forwards_finds(bool unfinished)
    {
        // Lines of every shape, some far longer than a block, so block boundaries fall in heads,
        // contents and newlines alike.
        var random = new Random(8);
        var log = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            string stream = random.Next(3) == 0 ? "stderr" : "stdout";
            int length = random.Next(10) == 0 ? random.Next(200_000) : random.Next(200);
            switch (random.Next(10))
            {
                case 0: log.Append('\n'); break;
                case 1: log.Append("not a record\n"); break;
                case 2 or 3: log.Append($"2026-01-01T00:00:01+00:00 {stream} P {new string('p', length)}\n"); goto default;
                default: log.Append($"2026-01-01T00:00:01+00:00 {stream} F {new string('f', length)}\n"); break;
            }
        }
        if (unfinished)
            log.Append(Head + "F still being writ");
        string path = _dir["c.log"];
        File.WriteAllText(path, log.ToString());
        byte[] bytes = File.ReadAllBytes(path);
        int lines = ForwardStarts(bytes).Count;
        foreach (int tail in new[] { 0, 1, 2, 3, 7, 50, 200, lines - 1, lines, lines + 1, 10_000 })
            Assert.Equal(ForwardOffset(bytes, tail), (await LogTail.FindAsync(path, tail, CancellationToken.None)).Offset);
    }

    [Theory]
    [InlineData(-1)] // the newline before the record begins the block
    [InlineData(0)] // it ends the block before
    [InlineData(10)] // inside the time
    [InlineData(32)] // on the space before the F or P
    [InlineData(33)] // on the F or P
    [InlineData(500)] // inside the text
    public async Task A_block_boundary_inside_a_record_is_read_across(int into)
    {
        // The last block starts `into` bytes after the start of the second-to-last record.
        const int lastLength = 1000;
        string first = Head + "F a\n";
        foreach (char flag in "PF")
        {
            string last = Head + "F " + new string('c', lastLength - Head.Length - 3) + "\n";
            int length = LogTail.BlockSize + into - last.Length; // of the record before the last
            string before = Head + flag + " " + new string('b', length - Head.Length - 3) + "\n";
            string path = _dir["c.log"];
            File.WriteAllText(path, first + before + last);

            // A P record belongs to the line after it.
            Assert.Equal(flag == 'P' ? ((long)first.Length, 1) : ((long)first.Length + before.Length, 1), await LogTail.FindAsync(path, 1, CancellationToken.None));
            Assert.Equal(flag == 'P' ? (0L, 2) : ((long)first.Length, 2), await LogTail.FindAsync(path, 2, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_tail_of_a_huge_log_is_found_without_reading_the_rest()
    {
        // 2 GB of holes before the last lines: reading it all (and the old code held it as one
        // line in memory) is what --tail must not do.
        string path = _dir["c.log"];
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(2L << 30);
            file.Position = file.Length;
            file.Write(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(1, 5).Select(i => $"\n{Head}F line-{i}"))));
            file.WriteByte((byte)'\n');
        }
        var lines = new List<string>();
        await LogReader.ReadAsync(path, new LogQuery { Tail = 3 }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span));
            return ValueTask.CompletedTask;
        }, () => true, () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        Assert.Equal(["line-3", "line-4", "line-5"], lines);
    }

    public void Dispose() => _dir.Dispose();

    // The reference: the starts of all lines, counted forwards as berthd counted them before it
    // read backwards.
    private static List<long> ForwardStarts(byte[] log)
    {
        var starts = new List<long>();
        long lineStart = 0;
        for (int at = 0; at < log.Length;)
        {
            int newline = Array.IndexOf(log, (byte)'\n', at);
            int end = newline < 0 ? log.Length : newline;
            string record = Encoding.UTF8.GetString(log, at, end - at);
            int a = record.IndexOf(' ');
            int b = a < 0 ? -1 : record.IndexOf(' ', a + 1);
            if (b > 0 && b + 1 < record.Length && record[b + 1] == 'F')
            {
                starts.Add(lineStart);
                lineStart = end + 1;
            }
            at = end + 1;
        }
        return starts;
    }

    private static long ForwardOffset(byte[] log, int tail)
    {
        var starts = ForwardStarts(log);
        return tail == 0 || starts.Count == 0 ? log.Length : starts[Math.Max(0, starts.Count - tail)];
    }
}
