using System.Text;
using Berth.Engine.Logs;

namespace Berth.Tests.Logs;

public sealed class K8sLogFormatTests
{
    [Fact]
    public void Parses_a_full_stdout_line()
    {
        Assert.True(K8sLogFormat.TryParse("2026-11-22T11:14:16.829539629+00:00 stdout F hello world"u8, out var e));
        Assert.Equal(LogStream.Stdout, e.Stream);
        Assert.False(e.Partial);
        Assert.Equal("hello world", Encoding.UTF8.GetString(e.Content.Span));
        Assert.Equal("2026-11-22T11:14:16.829539629Z", e.TimeText);
        Assert.Equal(new DateTime(2026, 11, 22, 11, 14, 16, DateTimeKind.Utc), e.Time.AddTicks(-(e.Time.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Parses_a_partial_stderr_record_and_an_empty_line()
    {
        Assert.True(K8sLogFormat.TryParse("2026-11-22T11:14:16.8+00:00 stderr P abc"u8, out var partial));
        Assert.Equal(LogStream.Stderr, partial.Stream);
        Assert.True(partial.Partial);
        Assert.True(K8sLogFormat.TryParse("2026-11-22T11:14:16.8+00:00 stdout F "u8, out var empty));
        Assert.Equal(0, empty.Content.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("notatime stdout F x")]
    public void Rejects_malformed_records(string line) => Assert.False(K8sLogFormat.TryParse(Encoding.UTF8.GetBytes(line), out _));
}
