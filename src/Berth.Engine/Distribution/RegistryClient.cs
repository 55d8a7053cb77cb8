using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Distribution;

/// <summary>
/// berthd's one registry client: two pooled <see cref="HttpClient"/>s (verified TLS, and
/// unverified for insecure registries), the token cache, and the endpoint probe every
/// repository client starts with:
/// <code>
///   GET https://HOST/v2/ ── 200: no auth; 401: the challenge (Bearer or Basic) to answer
///        (insecure HOST only) connection or TLS failure ──▶ GET http://HOST/v2/
/// </code>
/// A registry with a <c>certs.d</c> folder (<see cref="RegistryCertificates"/>) is spoken to
/// with its CAs and client certificate. Redirects are followed (blob GETs to object storage) only to http and https, and
/// without the Authorization header, as <see cref="SocketsHttpHandler"/> does.
/// </summary>
public sealed class RegistryClient : IRegistryClient, IDisposable
{
    private readonly HttpClient _secure;
    private readonly HttpClient _insecure;

    private readonly RegistryCertificates? _certificates;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient> _perHost = new();

    public RegistryClient(RegistryHosts hosts, RegistryCertificates? certificates = null)
    {
        Hosts = hosts;
        _certificates = certificates;
        _secure = Create(verify: true);
        _insecure = Create(verify: false);
        Tokens = new TokenCache(() => _secure);
    }

    /// <summary>For tests: every request goes to <paramref name="handler"/> (a protocol-level fake registry).</summary>
    internal RegistryClient(RegistryHosts hosts, HttpMessageHandler handler)
    {
        Hosts = hosts;
        _secure = _insecure = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Tokens = new TokenCache(() => _secure);
    }

    public RegistryHosts Hosts { get; }
    internal TokenCache Tokens { get; }

    private static HttpClient Create(bool verify, string? certsDir = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            AutomaticDecompression = DecompressionMethods.None, // blobs are hashed as sent
        };
        if (!verify)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (certsDir is not null)
            RegistryCertificates.Apply(certsDir, handler.SslOptions);
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("berth", "1.0"));
        return client;
    }

    /// <summary>Insecure hosts skip verification; hosts with a certs.d folder get a client of their own.</summary>
    internal HttpClient HttpFor(string host) =>
        Hosts.IsInsecure(host) ? _insecure
        : _certificates?.DirectoryFor(host) is string dir ? _perHost.GetOrAdd(host, _ => Create(verify: true, dir))
        : _secure;

    public IRepositoryClient Open(ImageReference name, RegistryCredentials credentials, bool push) =>
        new RepositoryClient(this, RegistryHosts.ApiHost(name.Domain), name.Path, credentials, push);

    /// <summary>Mirrors get no credentials: the user's Docker Hub secret is not theirs to see.</summary>
    public IReadOnlyList<IRepositoryClient> OpenMirrors(ImageReference name) =>
        name.Domain != ImageReference.DefaultDomain ? []
        : Hosts.Mirrors.Select(IRepositoryClient (host) => new RepositoryClient(this, host, name.Path, new RegistryCredentials(null, null), push: false)).ToList();

    /// <summary>The base URI (<c>https://HOST</c> or <c>http://HOST</c>) and the challenge of <c>/v2/</c>, if any.</summary>
    internal async Task<(Uri Base, AuthChallenge? Challenge)> PingAsync(string host, CancellationToken ct)
    {
        bool insecure = Hosts.IsInsecure(host);
        string[] schemes = insecure ? ["https", "http"] : ["https"];
        Exception? last = null;
        Uri? lastUri = null;
        foreach (string scheme in schemes)
        {
            var baseUri = new Uri($"{scheme}://{host}/");
            lastUri = new Uri(baseUri, "v2/");
            try
            {
                using var response = await HttpFor(host).GetAsync(new Uri(baseUri, "v2/"), HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    var challenges = response.Headers.WwwAuthenticate.Select(h => h.ToString()).SelectMany(AuthChallenge.Parse).ToList();
                    return (baseUri, challenges.FirstOrDefault(c => c.IsBearer) ?? challenges.FirstOrDefault(c => c.IsBasic));
                }
                return (baseUri, null);
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
        }
        throw new BerthException(ErrorKind.Internal, $"Get \"{lastUri}\": {DialError.Describe(last, lastUri!)}", last);
    }

    /// <summary>
    /// <c>POST /auth</c>: pings the registry and proves the credentials: Basic by a GET of
    /// <c>/v2/</c> with them, Bearer by getting a token (no scope) and a GET of <c>/v2/</c> with it.
    /// </summary>
    public async Task<string> LoginAsync(string server, RegistryCredentials credentials, CancellationToken ct)
    {
        string host = RegistryHosts.ApiHost(RegistryHosts.DomainOf(server));
        var (baseUri, challenge) = await PingAsync(host, ct);
        var v2 = new Uri(baseUri, "v2/");
        string identityToken = "";
        using var request = new HttpRequestMessage(HttpMethod.Get, v2);
        if (challenge is null)
            return "";
        if (challenge.IsBearer)
        {
            TokenCache.TokenAnswer answer;
            try
            {
                (answer, _) = await Tokens.FetchAsync(challenge, null, credentials, ct);
            }
            catch (RegistryException e) when (e.Status == 401)
            {
                throw new BerthException(ErrorKind.Unauthorized, $"Get \"{v2}\": {e.Message}");
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", answer.Token);
            identityToken = answer.RefreshToken ?? "";
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password)));
        }
        using var response = await HttpFor(host).SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new BerthException(ErrorKind.Unauthorized, $"login attempt to {v2} failed with status: 401 Unauthorized");
        if (!response.IsSuccessStatusCode)
            throw await RegistryErrors.FromResponseAsync(response, ct);
        return identityToken;
    }

    public async Task<byte[]> SearchAsync(string indexHost, string term, int limit, RegistryCredentials credentials, CancellationToken ct)
    {
        string[] schemes = Hosts.IsInsecure(indexHost) ? ["https", "http"] : ["https"];
        string query = $"v1/search?q={Uri.EscapeDataString(term)}&n={limit}";
        Exception? last = null;
        Uri? uri = null;
        foreach (string scheme in schemes)
        {
            uri = new Uri($"{scheme}://{indexHost}/{query}");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (!string.IsNullOrEmpty(credentials.Username))
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password)));
            try
            {
                using var response = await HttpFor(indexHost).SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new BerthException(ErrorKind.Internal, $"Unexpected status code {(int)response.StatusCode}");
                return await Bounded.ReadAsync(response.Content, Bounded.MaxManifest, ct);
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
        }
        throw new BerthException(ErrorKind.Internal, $"Get \"{uri}\": {DialError.Describe(last, uri!)}", last);
    }

    public void Dispose()
    {
        _secure.Dispose();
        _insecure.Dispose();
        foreach (var client in _perHost.Values)
            client.Dispose();
    }
}
