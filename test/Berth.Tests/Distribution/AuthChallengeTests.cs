using Berth.Engine.Distribution;

namespace Berth.Tests.Distribution;

public sealed class AuthChallengeTests
{
    [Fact]
    public void A_bearer_challenge_gives_realm_service_and_scope()
    {
        var c = Assert.Single(AuthChallenge.Parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/busybox:pull,push\""));
        Assert.True(c.IsBearer);
        Assert.Equal("https://auth.docker.io/token", c["realm"]);
        Assert.Equal("registry.docker.io", c["service"]);
        Assert.Equal("repository:library/busybox:pull,push", c["scope"]); // the comma inside quotes stays
    }

    [Fact]
    public void Basic_with_a_realm_and_parameter_names_in_any_case()
    {
        var c = Assert.Single(AuthChallenge.Parse("basic Realm=\"basic-realm\""));
        Assert.True(c.IsBasic);
        Assert.Equal("basic-realm", c["realm"]);
    }

    [Fact]
    public void Unquoted_values_escapes_and_spaces_around_equals()
    {
        var c = Assert.Single(AuthChallenge.Parse("Bearer realm = https://r/token , service=reg, error=\"say \\\"no\\\"\""));
        Assert.Equal("https://r/token", c["realm"]);
        Assert.Equal("reg", c["service"]);
        Assert.Equal("say \"no\"", c["error"]);
    }

    [Fact]
    public void Several_challenges_in_one_header()
    {
        var all = AuthChallenge.Parse("Basic realm=\"x\", Bearer realm=\"https://t/token\",service=\"s\"");
        Assert.Equal(2, all.Count);
        Assert.True(all[0].IsBasic);
        Assert.Equal("x", all[0]["realm"]);
        Assert.True(all[1].IsBearer);
        Assert.Equal("s", all[1]["service"]);
    }

    [Fact]
    public void Empty_and_garbage_give_no_challenge_or_no_parameters()
    {
        Assert.Empty(AuthChallenge.Parse(""));
        var c = Assert.Single(AuthChallenge.Parse("Bearer"));
        Assert.Null(c["realm"]);
    }
}
