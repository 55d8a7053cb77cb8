using Berth.Cli.Templates;

namespace Berth.Tests.Cli.Templates;

public sealed class GoValuesTests
{
    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e22, "1.5e+22")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1234567.0, "1234567")]
    [InlineData(1e20, "100000000000000000000")]
    public void FormatsFloatsLikeFmtV(double value, string expected) => Assert.Equal(expected, GoValues.FormatFloat(value));

    [Fact]
    public void RewritesExponents() => Assert.Equal("1.234567e+06", GoValues.GoExponent("1.234567E+006"));

    [Fact]
    public void TruthFollowsGo()
    {
        Assert.False(GoValues.IsTrue(""));
        Assert.False(GoValues.IsTrue(0L));
        Assert.False(GoValues.IsTrue(null));
        Assert.False(GoValues.IsTrue(new List<object?>()));
        Assert.True(GoValues.IsTrue("x"));
    }

    [Fact]
    public void PrintfReportsMissingArguments() => Assert.Equal("a %!d(MISSING)", GoPrintf.Format("a %d", []));
}
