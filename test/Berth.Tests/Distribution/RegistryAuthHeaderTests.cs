using System.Text;
using Berth.Daemon.Api;

namespace Berth.Tests.Distribution;

public sealed class RegistryAuthHeaderTests
{
    private static string UrlBase64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');

    [Fact]
    public void The_docker_clis_header_gives_user_password_and_server()
    {
        // As the CLI encodes it: base64url with padding; '?' and '>' exercise the url alphabet.
        var c = RegistryAuthHeader.Decode(UrlBase64("""{"username":"alice","password":"p?>>s","serveraddress":"127.0.0.1:5000"}"""));
        Assert.Equal("alice", c.Username);
        Assert.Equal("p?>>s", c.Password);
        Assert.Equal("127.0.0.1:5000", c.ServerAddress);
    }

    [Fact]
    public void Unpadded_and_auth_field_forms()
    {
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pw:with:colons"));
        var c = RegistryAuthHeader.Decode(UrlBase64($$"""{"auth":"{{auth}}"}""").TrimEnd('='));
        Assert.Equal("bob", c.Username);
        Assert.Equal("pw:with:colons", c.Password);
    }

    [Fact]
    public void Identity_token_is_kept()
    {
        var c = RegistryAuthHeader.Decode(UrlBase64("""{"identitytoken":"refresh-me"}"""));
        Assert.Equal("refresh-me", c.IdentityToken);
        Assert.False(c.IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("e30=")] // {}
    [InlineData("bnVsbA==")] // null
    [InlineData("bm90IGpzb24=")] // not json: dockerd pulls anonymously
    public void Absent_empty_or_undecodable_json_is_anonymous(string? header)
    {
        Assert.True(RegistryAuthHeader.Decode(header).IsEmpty);
    }
}
