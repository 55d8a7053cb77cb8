using Berth.Core.Units;
using Berth.Cli.Containers;

namespace Berth.Tests.Cli.Containers;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("1024", 1024)]
    [InlineData("512m", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("10kb", 10L << 10)]
    [InlineData("7b", 7)]
    public void ByteSizes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("10x", "invalid suffix: 'x'")]
    [InlineData("m", "invalid size: 'm'")]
    [InlineData("10mx", "invalid suffix: 'mx'")]
    public void ByteSizeErrors(string text, string message) => Assert.Equal(message, Assert.Throws<FormatException>(() => ByteSize.Parse(text)).Message);

    [Theory]
    [InlineData("80", "80/tcp", "", "")]
    [InlineData("8080:80", "80/tcp", "", "8080")]
    [InlineData("127.0.0.1:8080:80/udp", "80/udp", "127.0.0.1", "8080")]
    [InlineData("127.0.0.1::53", "53/tcp", "127.0.0.1", "")]
    [InlineData("[::1]:8080:80", "80/tcp", "::1", "8080")]
    public void Ports(string text, string containerPort, string hostIp, string hostPort)
        => Assert.Equal(new PortSpec(containerPort, hostIp, hostPort), Assert.Single(PortSpec.Parse(text)));

    [Fact]
    public void PortRanges()
        => Assert.Equal(["9000/tcp:9100", "9001/tcp:9101"], PortSpec.Parse("9100-9101:9000-9001").Select(p => p.ContainerPort + ":" + p.HostPort));

    [Fact]
    public void EnvFilesSkipCommentsAndBlankLines()
    {
        var env = EnvironmentList.Resolve(["f"], ["C=3"], name => name == "B" ? "2" : null, _ => ["# comment", "", "A=1", "B", "  D=4"]);
        Assert.Equal(["A=1", "B=2", "D=4", "C=3"], env);
    }

    [Theory]
    [InlineData("executable file not found in $PATH", 127)]
    [InlineData("exec: \"/etc\": permission denied", 126)]
    [InlineData("something else", 125)]
    public void StartFailureExitCodes(string message, int code) => Assert.Equal(code, StartFailure.ExitCode(message));
}
