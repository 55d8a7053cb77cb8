using Berth.Client;

namespace Berth.Tests.Client;

public sealed class ApiVersionTests
{
    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.44", "1.44")]
    [InlineData("1.51", "1.50")]
    [InlineData(null, "1.24")]
    public void NegotiatesTheLowerVersion(string? server, string expected) => Assert.Equal(expected, ApiVersion.Negotiate(server));
}
