using System.Text;
using Berth.Engine.Logs;

namespace Berth.Tests.Logs;

public sealed class LogReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Log(params string[] records)
    {
        string path = _dir["c.log"];
        File.WriteAllText(path, string.Concat(records.Select(r => r + "\n")));
        return path;
    }

    private static async Task<List<string>> ReadAsync(string path, LogQuery query)
    {
        var lines = new List<string>();
        await LogReader.ReadAsync(path, query, e =>
        {
            lines.Add($"{e.Stream}:{Encoding.UTF8.GetString(e.Content.Span)}{(e.Partial ? "" : "|")}");
            return ValueTask.CompletedTask;
        }, () => true, () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        return lines;
    }

    [Fact]
    public async Task Reads_every_record_and_filters_streams()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one", "2026-01-01T00:00:02+00:00 stderr F two", "2026-01-01T00:00:03+00:00 stdout F three");
        Assert.Equal(["Stdout:one|", "Stderr:two|", "Stdout:three|"], await ReadAsync(path, new LogQuery()));
        Assert.Equal(["Stderr:two|"], await ReadAsync(path, new LogQuery { Stdout = false }));
    }

    [Fact]
    public async Task Tail_counts_lines_not_partial_records()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one", "2026-01-01T00:00:02+00:00 stdout P tw", "2026-01-01T00:00:02+00:00 stdout F o", "2026-01-01T00:00:03+00:00 stdout F three");
        Assert.Equal(["Stdout:tw", "Stdout:o|", "Stdout:three|"], await ReadAsync(path, new LogQuery { Tail = 2 }));
        Assert.Empty(await ReadAsync(path, new LogQuery { Tail = 0 }));
    }

    [Fact]
    public async Task Tail_counts_lines_of_both_streams_before_the_stream_filter()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one", "2026-01-01T00:00:02+00:00 stderr F two", "2026-01-01T00:00:03+00:00 stdout F three", "2026-01-01T00:00:04+00:00 stderr F four");
        Assert.Equal(["Stdout:three|"], await ReadAsync(path, new LogQuery { Tail = 2, Stderr = false }));
        Assert.Equal(["Stderr:four|"], await ReadAsync(path, new LogQuery { Tail = 2, Stdout = false }));
    }

    [Fact]
    public async Task Tail_beyond_the_log_gives_all_of_it_and_a_log_without_a_full_line_gives_nothing()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout P on", "2026-01-01T00:00:01+00:00 stdout F e", "2026-01-01T00:00:02+00:00 stdout F two");
        Assert.Equal(["Stdout:on", "Stdout:e|", "Stdout:two|"], await ReadAsync(path, new LogQuery { Tail = 1000 }));
        Assert.Empty(await ReadAsync(Log("2026-01-01T00:00:01+00:00 stdout P on"), new LogQuery { Tail = 3 }));
        Assert.Empty(await ReadAsync(Log(), new LogQuery { Tail = 3 }));
    }

    [Fact]
    public async Task A_record_still_being_written_counts_as_a_line_and_is_delivered_once_finished()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one", "2026-01-01T00:00:02+00:00 stdout F two");
        File.AppendAllText(path, "2026-01-01T00:00:03+00:00 stdout F thr");
        Assert.Equal(["Stdout:two|"], await ReadAsync(path, new LogQuery { Tail = 2 }));
        Assert.Empty(await ReadAsync(path, new LogQuery { Tail = 0 }));

        bool stopped = false;
        var lines = new List<string>();
        var reading = LogReader.ReadAsync(path, new LogQuery { Tail = 1, Follow = true }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span));
            return ValueTask.CompletedTask;
        }, () => Volatile.Read(ref stopped), () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        await Task.Delay(100);
        File.AppendAllText(path, "ee\n");
        await Task.Delay(100);
        Volatile.Write(ref stopped, true);
        await reading.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["three"], lines);
    }

    [Theory]
    [InlineData(0, new string[0])]
    [InlineData(2, new[] { "5|", "6|" })]
    [InlineData(3, new[] { "4|", "5|", "6|" })]
    [InlineData(4, new[] { "3a", "3b|", "4|", "5|", "6|" })]
    [InlineData(5, new[] { "2|", "3a", "3b|", "4|", "5|", "6|" })]
    [InlineData(100, new[] { "0|", "1|", "2|", "3a", "3b|", "4|", "5|", "6|" })]
    public async Task Tail_walks_rotated_files_newest_first(int tail, string[] expected)
    {
        string log = _dir["c.log"];
        File.WriteAllText(log + ".2", Records("F 0", "F 1", "F 2"));
        File.WriteAllText(log + ".1", Records("P 3a", "F 3b", "F 4"));
        File.WriteAllText(log, Records("F 5", "F 6"));
        var lines = new List<string>();
        await LogReader.ReadRotatedAsync(LogRotation.Files(log), new LogQuery { Tail = tail }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span) + (e.Partial ? "" : "|"));
            return ValueTask.CompletedTask;
        }, () => true, () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        Assert.Equal(expected, lines);

        static string Records(params string[] records) => string.Concat(records.Select(r => $"2026-01-01T00:00:01+00:00 stdout {r}\n"));
    }

    [Fact]
    public async Task Since_and_until_bound_the_times()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one", "2026-01-01T00:00:02+00:00 stdout F two", "2026-01-01T00:00:03+00:00 stdout F three");
        var q = new LogQuery { Since = new DateTime(2026, 1, 1, 0, 0, 2, DateTimeKind.Utc), Until = new DateTime(2026, 1, 1, 0, 0, 2, DateTimeKind.Utc) };
        Assert.Equal(["Stdout:two|"], await ReadAsync(path, q));
    }

    [Fact]
    public async Task Follow_delivers_what_is_appended_until_the_container_stops()
    {
        string path = Log("2026-01-01T00:00:01+00:00 stdout F one");
        bool stopped = false;
        var lines = new List<string>();
        var reading = LogReader.ReadAsync(path, new LogQuery { Follow = true }, e =>
        {
            lines.Add(Encoding.UTF8.GetString(e.Content.Span));
            return ValueTask.CompletedTask;
        }, () => Volatile.Read(ref stopped), () => Task.Delay(Timeout.Infinite), CancellationToken.None);
        await Task.Delay(100);
        File.AppendAllText(path, "2026-01-01T00:00:02+00:00 stdout F two\n");
        await Task.Delay(100);
        Volatile.Write(ref stopped, true);
        await reading.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["one", "two"], lines);
    }

    public void Dispose() => _dir.Dispose();
}
