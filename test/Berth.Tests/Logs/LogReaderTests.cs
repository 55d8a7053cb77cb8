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
