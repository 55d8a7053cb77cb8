using Berth.Core.Errors;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

/// <summary>An <c>until</c> value as moby's <c>timetypes.GetTimestamp</c> reads it.</summary>
public sealed class UntilFilterTests
{
    [Fact]
    public void Go_durations_count_back_from_now()
    {
        var before = DateTime.UtcNow;
        Assert.InRange(UntilFilter.Parse("1h30m"), before.AddMinutes(-90).AddSeconds(-5), DateTime.UtcNow.AddMinutes(-90));
        Assert.InRange(UntilFilter.Parse("500ms"), before.AddSeconds(-5), DateTime.UtcNow);
    }

    [Fact]
    public void Unix_seconds_and_rfc3339_are_times()
    {
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), UntilFilter.Parse("1767312000"));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), UntilFilter.Parse("2026-01-02T03:04:05Z").ToUniversalTime());
    }

    [Fact]
    public void Anything_else_is_refused_before_matching()
    {
        var e = Assert.Throws<BerthException>(() => UntilFilter.Validate(new() { ["until"] = ["1h", "bogus"] }));
        Assert.Equal((ErrorKind.InvalidArgument, "failed to parse value as time or duration: \"bogus\""), (e.Kind, e.Message));
        Assert.Throws<BerthException>(() => ContainerFilter.ParseForPrune("""{"until":["10x"]}"""));
        Assert.Throws<BerthException>(() => ImageFilter.ParseForPrune("""{"until":["10x"]}"""));
    }
}
