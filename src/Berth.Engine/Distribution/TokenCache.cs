using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Core.Distribution;

namespace Berth.Engine.Distribution;

/// <summary>
/// The bearer token flow of the distribution spec's token authentication:
/// <code>
///   berthd ──GET /v2/...──────────────────────▶ registry
///          ◀── 401 WWW-Authenticate: Bearer realm=R,service=S,scope=...
///   berthd ──GET R?service=S&amp;scope=repository:NAME:pull[,push]─▶ token server
///          (Basic user:password, or POST grant_type=refresh_token with an identity token)
///          ◀── {"token"|"access_token", "expires_in", "refresh_token"?}
///   berthd ──GET /v2/... Authorization: Bearer T──▶ registry
/// </code>
/// Tokens are cached by (realm, service, scope, account, secret) until shortly before they expire.
/// </summary>
public sealed class TokenCache(Func<HttpClient> http)
{
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (string Token, DateTime Expires)> _tokens = new();

    /// <summary>The answer of the last token request: its refresh token, if the server gave one.</summary>
    public sealed record TokenAnswer(string Token, string? RefreshToken);

    public async Task<string> GetAsync(AuthChallenge challenge, string scope, RegistryCredentials credentials, CancellationToken ct)
    {
        // The secret is part of the key: a token got with the right password is never handed to a wrong one.
        string secret = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(credentials.Password + "\n" + credentials.IdentityToken)));
        string key = string.Join('\n', challenge["realm"], challenge["service"], scope, credentials.Username, secret);
        if (_tokens.TryGetValue(key, out var cached) && cached.Expires > DateTime.UtcNow)
            return cached.Token;
        var (answer, expires) = await FetchAsync(challenge, scope, credentials, ct);
        _tokens[key] = (answer.Token, expires);
        return answer.Token;
    }

    /// <summary>Drops a token the registry refused, so the next request asks for a new one.</summary>
    public void Forget(string token)
    {
        foreach (var entry in _tokens.Where(e => e.Value.Token == token).ToList())
            _tokens.TryRemove(entry);
    }

    /// <summary>One token request, uncached; login uses it to learn a refresh token.</summary>
    public async Task<(TokenAnswer Answer, DateTime Expires)> FetchAsync(AuthChallenge challenge, string? scope, RegistryCredentials credentials, CancellationToken ct)
    {
        string realm = challenge["realm"] ?? throw new RegistryException(Core.Errors.ErrorKind.Unauthorized, RegistryException.Unauthorized,
            "unauthorized: the registry's bearer challenge names no realm", 401);
        if (!Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("http" or "https"))
            throw new RegistryException(Core.Errors.ErrorKind.Unauthorized, RegistryException.Unauthorized, $"unauthorized: invalid token realm {realm}", 401);
        HttpRequestMessage request;
        string? service = challenge["service"];
        if (!string.IsNullOrEmpty(credentials.IdentityToken))
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "refresh_token"), new("refresh_token", credentials.IdentityToken), new("client_id", "docker"),
            };
            if (service is not null) form.Add(new("service", service));
            if (scope is not null) form.Add(new("scope", scope)); // OAuth2: space-separated
            request = new HttpRequestMessage(HttpMethod.Post, realmUri) { Content = new FormUrlEncodedContent(form) };
        }
        else
        {
            var query = new List<string>();
            if (service is not null) query.Add("service=" + Uri.EscapeDataString(service));
            // One scope parameter per scope, as the docker CLI and distribution's token servers expect.
            foreach (string one in (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                query.Add("scope=" + Uri.EscapeDataString(one));
            if (!string.IsNullOrEmpty(credentials.Username))
            {
                query.Add("account=" + Uri.EscapeDataString(credentials.Username));
                query.Add("offline_token=true&client_id=docker");
            }
            var builder = new UriBuilder(realmUri);
            builder.Query = string.Join('&', new[] { builder.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query));
            request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
            if (!string.IsNullOrEmpty(credentials.Username))
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password)));
        }
        using (request)
        using (var response = await http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            if (!response.IsSuccessStatusCode)
                throw await RegistryErrors.FromResponseAsync(response, ct);
            byte[] body = await Bounded.ReadAsync(response.Content, Bounded.MaxToken, ct);
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            string? token = Str(root, "token") ?? Str(root, "access_token");
            if (string.IsNullOrEmpty(token))
                throw new RegistryException(Core.Errors.ErrorKind.Unauthorized, RegistryException.Unauthorized, "unauthorized: the token server answered without a token", 401);
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out int seconds) ? TimeSpan.FromSeconds(seconds) : MinimumLifetime;
            if (lifetime < MinimumLifetime)
                lifetime = MinimumLifetime;
            return (new TokenAnswer(token, Str(root, "refresh_token")), DateTime.UtcNow + lifetime - Margin);
        }
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
