using Berth.Client;

namespace Berth.Tests.Client;

public sealed class DaemonEndpointTests
{
    [Fact]
    public void FlagWinsOverEnvironment()
    {
        var endpoint = DaemonEndpoint.Resolve("unix:///run/flag.sock", _ => "unix:///run/env.sock");
        Assert.Equal("/run/flag.sock", endpoint.SocketPath);
    }

    [Fact]
    public void BerthHostIsUsedWithoutFlag()
    {
        var endpoint = DaemonEndpoint.Resolve(null, name => name == "BERTH_HOST" ? "unix:///run/env.sock" : null);
        Assert.Equal("/run/env.sock", endpoint.SocketPath);
    }

    [Fact]
    public void DockerHostIsIgnored()
    {
        var endpoint = DaemonEndpoint.Resolve(null, name => name == "DOCKER_HOST" ? "unix:///var/run/docker.sock" : null);
        Assert.Equal("/run/berth/berth.sock", endpoint.SocketPath);
    }

    [Fact]
    public void ParsesTcpHostAndPort()
    {
        var endpoint = DaemonEndpoint.Parse("tcp://127.0.0.1:2375");
        Assert.Null(endpoint.SocketPath);
        Assert.Equal("127.0.0.1", endpoint.TcpHost);
        Assert.Equal(2375, endpoint.TcpPort);
    }

    [Theory]
    [InlineData("tcp://host")]
    [InlineData("ssh://host")]
    [InlineData("unix://")]
    public void RejectsBadHosts(string host) => Assert.Throws<FormatException>(() => DaemonEndpoint.Parse(host));
}
