using Berth.Engine.Distribution;

namespace Berth.Tests.Distribution;

public sealed class RegistryHostsTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry-1.docker.io", false)]
    [InlineData("10.0.0.5:5000", true)] // by CIDR
    [InlineData("10.1.0.5:5000", false)]
    [InlineData("myreg:5000", true)] // by name
    [InlineData("myreg:5001", false)]
    public void Loopback_and_configured_registries_are_insecure(string host, bool insecure)
    {
        var hosts = new RegistryHosts(["10.0.0.0/16", "myreg:5000"]);
        Assert.Equal(insecure, hosts.IsInsecure(host));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("", "docker.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:5000/v2/", "127.0.0.1:5000")]
    public void Login_server_addresses_name_a_domain(string server, string domain)
    {
        Assert.Equal(domain, RegistryHosts.DomainOf(server));
        Assert.Equal("registry-1.docker.io", RegistryHosts.ApiHost("docker.io"));
    }
}
