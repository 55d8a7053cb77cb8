using Berth.Core.Errors;
using Berth.Daemon.Api;

namespace Berth.Tests.Api;

public sealed class ApiFormatTests
{
    [Fact]
    public void Times_are_rfc3339_with_nanoseconds_and_go_zero()
    {
        Assert.Equal("0001-01-01T00:00:00Z", GoTime.Format(default));
        Assert.Equal("2026-11-22T11:14:16.1234567Z", GoTime.Format(new DateTime(2026, 11, 22, 11, 14, 16, DateTimeKind.Utc).AddTicks(1234567)));
        Assert.Equal("2026-11-22T11:14:16Z", GoTime.Format(new DateTime(2026, 11, 22, 11, 14, 16, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), GoTime.ParseTimestamp("1795305600"));
        Assert.Null(GoTime.ParseTimestamp("0"));
    }

    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(42, "42 seconds")]
    [InlineData(90, "About a minute")]
    [InlineData(600, "10 minutes")]
    [InlineData(5400, "About an hour")]
    [InlineData(7200 * 3, "6 hours")]
    [InlineData(86400 * 3, "3 days")]
    public void Durations_read_as_dockers(double seconds, string text) => Assert.Equal(text, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(ErrorKind.InvalidArgument, 400)]
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.Forbidden, 403)]
    [InlineData(ErrorKind.NotImplemented, 501)]
    [InlineData(ErrorKind.Internal, 500)]
    public void Error_kinds_map_to_dockers_status_codes(ErrorKind kind, int status) => Assert.Equal(status, ErrorMiddleware.StatusOf(kind));
}
