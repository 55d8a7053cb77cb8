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
    public void DockerHostIsUsedWhenBerthHostIsNotSet()
    {
        var endpoint = DaemonEndpoint.Resolve(null, name => name == "DOCKER_HOST" ? "unix:///var/run/docker.sock" : null);
        Assert.Equal("/var/run/docker.sock", endpoint.SocketPath);
        var both = DaemonEndpoint.Resolve(null, name => name switch { "DOCKER_HOST" => "unix:///d.sock", "BERTH_HOST" => "unix:///b.sock", _ => null });
        Assert.Equal("/b.sock", both.SocketPath);
    }

    [Fact]
    public void TlsFollowsTheDockerCliFlagsAndEnvironment()
    {
        string dir = Directory.CreateTempSubdirectory("berth-tls-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "cert.pem"), "");
            File.WriteAllText(Path.Combine(dir, "key.pem"), "");
            string? Env(string name) => name switch { "DOCKER_TLS_VERIFY" => "1", "DOCKER_CERT_PATH" => dir, _ => null };
            Assert.Equal(new ClientTls(true, Path.Combine(dir, "ca.pem"), Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem")),
                ClientTls.Resolve(null, null, null, null, null, Env));
            Assert.Null(ClientTls.Resolve(null, null, null, null, null, _ => null));
            Assert.Equal(new ClientTls(false, null, null, null), ClientTls.Resolve(true, null, null, null, null, name => name == "DOCKER_CERT_PATH" ? "/nonexistent" : null));
            Assert.Equal(new ClientTls(false, null, "/c.pem", "/k.pem"), ClientTls.Resolve(null, false, "/ca.pem", "/c.pem", "/k.pem", _ => null));
            var tcp = DaemonEndpoint.Parse("tcp://127.0.0.1:2376").WithTls(new ClientTls(true, "/ca.pem", null, null));
            Assert.NotNull(tcp.Tls);
            Assert.Null(DaemonEndpoint.Parse("unix:///x.sock").WithTls(new ClientTls(true, "/ca.pem", null, null)).Tls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
