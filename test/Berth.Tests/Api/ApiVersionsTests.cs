using Berth.Core.Api;

namespace Berth.Tests.Api;

public sealed class ApiVersionsTests
{
    [Theory]
    [InlineData("1.9", "1.24", -1)]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("1.47", "1.47", 0)]
    [InlineData("1.47", "1.047", 0)]
    [InlineData("2.0", "1.47", 1)]
    [InlineData("1", "1.0", 0)]
    [InlineData("1.x", "1.0", 0)]
    [InlineData("1.99999999999999999999", "1.50", 1)]
    public void Versions_compare_numerically(string left, string right, int expected)
    {
        Assert.Equal(expected, ApiVersions.Compare(left, right));
        Assert.Equal(-expected, ApiVersions.Compare(right, left));
    }
}
