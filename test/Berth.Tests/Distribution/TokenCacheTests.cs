using System.Net;
using System.Text;
using Berth.Core.Distribution;
using Berth.Engine.Distribution;

namespace Berth.Tests.Distribution;

/// <summary>The bearer token flow against a protocol-level fake token server.</summary>
public sealed class TokenCacheTests
{
    private sealed class FakeTokenServer : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];
        /// <summary>Request bodies, read on arrival (the client disposes the request after).</summary>
        public List<string> Bodies { get; } = [];
        public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => Token("t1", 300);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add(request);
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct));
            return Answer(request);
        }

        public static HttpResponseMessage Token(string token, int expiresIn, string field = "token") =>
            new(HttpStatusCode.OK) { Content = new StringContent($$"""{"{{field}}":"{{token}}","expires_in":{{expiresIn}}}""", Encoding.UTF8, "application/json") };
    }

    private static readonly AuthChallenge Challenge =
        AuthChallenge.Parse("Bearer realm=\"https://auth.example/token\",service=\"reg\"")[0];

    [Fact]
    public async Task Credentials_go_as_basic_with_service_scope_and_account()
    {
        var server = new FakeTokenServer();
        var cache = new TokenCache(() => new HttpClient(server));
        string token = await cache.GetAsync(Challenge, "repository:a/b:pull,push repository:c:pull", new RegistryCredentials("alice", "pw"), CancellationToken.None);
        Assert.Equal("t1", token);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Basic", request.Headers.Authorization!.Scheme);
        Assert.Equal("alice:pw", Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)));
        string query = request.RequestUri!.Query;
        Assert.Contains("service=reg", query);
        Assert.Contains("scope=repository%3Aa%2Fb%3Apull%2Cpush", query);
        Assert.Contains("scope=repository%3Ac%3Apull", query); // one parameter per scope
        Assert.Contains("account=alice", query);
    }

    [Fact]
    public async Task Anonymous_requests_carry_no_authorization_and_access_token_is_accepted()
    {
        var server = new FakeTokenServer { Answer = _ => FakeTokenServer.Token("anon", 300, "access_token") };
        var cache = new TokenCache(() => new HttpClient(server));
        Assert.Equal("anon", await cache.GetAsync(Challenge, "repository:x:pull", RegistryCredentials.Anonymous, CancellationToken.None));
        Assert.Null(server.Requests[0].Headers.Authorization);
        Assert.DoesNotContain("account=", server.Requests[0].RequestUri!.Query);
    }

    [Fact]
    public async Task Tokens_are_cached_by_scope_and_secret_and_forgotten_on_request()
    {
        var server = new FakeTokenServer();
        var cache = new TokenCache(() => new HttpClient(server));
        var alice = new RegistryCredentials("alice", "pw");
        await cache.GetAsync(Challenge, "repository:x:pull", alice, CancellationToken.None);
        await cache.GetAsync(Challenge, "repository:x:pull", alice, CancellationToken.None);
        Assert.Single(server.Requests);
        await cache.GetAsync(Challenge, "repository:y:pull", alice, CancellationToken.None);
        Assert.Equal(2, server.Requests.Count);
        await cache.GetAsync(Challenge, "repository:x:pull", new RegistryCredentials("alice", "wrong"), CancellationToken.None);
        Assert.Equal(3, server.Requests.Count); // a different password never reuses the good one's token
        cache.Forget("t1");
        await cache.GetAsync(Challenge, "repository:x:pull", alice, CancellationToken.None);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task An_identity_token_is_exchanged_with_a_refresh_token_grant()
    {
        var server = new FakeTokenServer();
        var cache = new TokenCache(() => new HttpClient(server));
        await cache.GetAsync(Challenge, "repository:x:pull", new RegistryCredentials(null, null) { IdentityToken = "refresh-me" }, CancellationToken.None);
        var request = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        string form = server.Bodies[0];
        Assert.Contains("grant_type=refresh_token", form);
        Assert.Contains("refresh_token=refresh-me", form);
        Assert.Contains("service=reg", form);
    }

    [Fact]
    public async Task A_refusal_reads_as_the_registrys_error()
    {
        var server = new FakeTokenServer
        {
            Answer = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""),
            },
        };
        var cache = new TokenCache(() => new HttpClient(server));
        var e = await Assert.ThrowsAsync<RegistryException>(() => cache.GetAsync(Challenge, "repository:x:pull", new RegistryCredentials("a", "b"), CancellationToken.None));
        Assert.Equal("unauthorized: authentication required", e.Message);
        Assert.Equal(RegistryException.Unauthorized, e.Code);
    }

    [Fact]
    public async Task A_realm_that_is_not_http_is_refused()
    {
        var cache = new TokenCache(() => new HttpClient(new FakeTokenServer()));
        var challenge = AuthChallenge.Parse("Bearer realm=\"file:///etc/passwd\"")[0];
        await Assert.ThrowsAsync<RegistryException>(() => cache.GetAsync(challenge, "s", RegistryCredentials.Anonymous, CancellationToken.None));
    }
}
