using System.Text.Json;
using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class MiscFormattingTests
{
    [Fact]
    public void IndentsLikeGoJsonIndent()
    {
        var expected = "[\n    {\n        \"A\": [],\n        \"B\": {},\n        \"C\": [\n            1,\n            \"x, y: {\"\n        ]\n    }\n]";
        Assert.Equal(expected, JsonIndenter.Indent("[{\"A\":[],\"B\":{ },\"C\":[1,\"x, y: {\"]}]"));
    }

    [Theory]
    [InlineData("0123456789abcdef0123", "0123456789ab")]
    [InlineData("sha256:0123456789abcdef", "0123456789ab")]
    public void TruncatesIds(string id, string expected) => Assert.Equal(expected, TextUtil.TruncateId(id));

    [Fact]
    public void EllipsisKeepsWidth() => Assert.Equal("sh -c 'while true; …", TextUtil.Ellipsis("sh -c 'while true; do sleep 1; done'", 20));

    [Fact]
    public void QuotesLikeStrconv() => Assert.Equal("\"echo \\\"hi\\\"\"", TextUtil.Quote("echo \"hi\""));

    [Fact]
    public void DisplayablePortsGroupsRanges()
    {
        var ports = JsonDocument.Parse("""
            [{"PrivatePort":9001,"Type":"udp","IP":"0.0.0.0","PublicPort":9001},
             {"PrivatePort":9000,"Type":"udp","IP":"0.0.0.0","PublicPort":9000},
             {"PrivatePort":80,"Type":"tcp","IP":"127.0.0.1","PublicPort":8080},
             {"PrivatePort":443,"Type":"tcp"}]
            """).RootElement;
        Assert.Equal("443/tcp, 0.0.0.0:9000-9001->9000-9001/udp, 127.0.0.1:8080->80/tcp", PortText.Displayable(ports));
    }

    [Theory]
    [InlineData("10m", true, 600)]
    [InlineData("1h30m", true, 5400)]
    [InlineData("1.5s", true, 1.5)]
    [InlineData("10", false, 0)]
    [InlineData("5x", false, 0)]
    public void ParsesGoDurations(string text, bool ok, double seconds)
    {
        Assert.Equal(ok, TimeArgument.TryParseGoDuration(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Fact]
    public void TimestampsForTheApi()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal((now.ToUnixTimeSeconds() - 60).ToString(), TimeArgument.ToApiTimestamp("1m", now));
        Assert.Equal("1767225600.000000000", TimeArgument.ToApiTimestamp("2026-01-01T00:00:00Z", now));
        Assert.Equal("1700000000.5", TimeArgument.ToApiTimestamp("1700000000.5", now));
        Assert.Throws<FormatException>(() => TimeArgument.ToApiTimestamp("yesterday", now));
    }
}
