using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Running() => Assert.Equal("Up 3 seconds", TimeText.ContainerStatus("running", s_now.AddSeconds(-3), default, 0, s_now));

    [Fact]
    public void Exited() => Assert.Equal("Exited (0) 5 seconds ago", TimeText.ContainerStatus("exited", s_now.AddMinutes(-1), s_now.AddSeconds(-5), 0, s_now));

    [Fact]
    public void ExitedWithCode() => Assert.Equal("Exited (137) 2 minutes ago", TimeText.ContainerStatus("exited", s_now.AddHours(-1), s_now.AddMinutes(-2), 137, s_now));

    [Fact]
    public void Created() => Assert.Equal("Created", TimeText.ContainerStatus("created", default, default, 0, s_now));

    [Fact]
    public void CreatedAgo() => Assert.Equal("2 minutes ago", Units.HumanDuration(s_now - s_now.AddMinutes(-2)) + " ago");

    [Fact]
    public void AnsiDatePadsTheDay() => Assert.Equal("Thu May  7 21:09:36 2026", AnsiDate.Reformat("2026-05-07T21:09:36.000000000+00:00"));
}
