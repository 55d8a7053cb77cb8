using Berth.Cli.Formatting;

namespace Berth.Tests.Cli.Formatting;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(3, "3 seconds")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(3599, "59 minutes")]
    [InlineData(3600, "About an hour")]
    [InlineData(5400, "2 hours")]
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(48 * 3600, "2 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(800 * 86400, "2 years")]
    public void HumanDuration(double seconds, string expected) => Assert.Equal(expected, Units.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(4_260_000, "4.26MB")]
    [InlineData(1_984_132, "1.98MB")]
    [InlineData(999_500, "1e+03kB")]
    [InlineData(123_456_789_012, "123GB")]
    public void HumanSize(double bytes, string expected) => Assert.Equal(expected, Units.HumanSize(bytes));

    [Fact]
    public void HumanSizeWithFourDigits() => Assert.Equal("1.984MB", Units.HumanSize(1_984_132, 4));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1023, "1023B")]
    [InlineData(1024, "1KiB")]
    [InlineData(684032, "668KiB")]
    [InlineData(1_290_240, "1.23MiB")]
    [InlineData(25_275_990_016, "23.54GiB")]
    public void BytesSize(double bytes, string expected) => Assert.Equal(expected, Units.BytesSize(bytes));
}
