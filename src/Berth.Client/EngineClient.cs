using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

/// <summary>
/// Typed Engine API client. Every call goes to a versioned path (<c>/v1.NN/...</c>); the
/// version is negotiated lazily with <c>GET /_ping</c> on the first request, as docker does.
/// Error statuses become <see cref="EngineApiException"/>; an unreachable socket becomes
/// <see cref="DaemonUnreachableException"/>. Split by API area into partial files.
/// </summary>
public sealed partial class EngineClient : IDisposable
{
    private readonly HttpClient _http;
    private string? _version;
    private PingResult? _ping;

    public EngineClient(DaemonEndpoint endpoint)
    {
        Endpoint = endpoint;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var (_, stream) = await SocketConnector.ConnectStreamAsync(endpoint, ct).ConfigureAwait(false);
                return stream;
            },
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri("http://api.moby.localhost"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Berth-Client/1.0");
    }

    public DaemonEndpoint Endpoint { get; }

    /// <summary>The negotiated version, or null before the first request.</summary>
    public string? NegotiatedVersion => _version;

    public async Task<PingResult> PingAsync(CancellationToken cancellationToken)
    {
        if (_ping is not null)
        {
            return _ping;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/_ping");
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        _ping = new PingResult(Header(response, "API-Version"), Header(response, "OSType"), Header(response, "Docker-Experimental") == "true");
        return _ping;
    }

    internal async Task<string> VersionedPathAsync(string path, CancellationToken cancellationToken)
    {
        _version ??= ApiVersion.Negotiate((await PingAsync(cancellationToken).ConfigureAwait(false)).ApiVersion);
        return "/v" + _version + path;
    }

    /// <summary>Sends a request and returns the successful response; the caller disposes it.</summary>
    internal async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        CancellationToken cancellationToken,
        bool streamResponse = false,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, await VersionedPathAsync(path, cancellationToken).ConfigureAwait(false)) { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var completion = streamResponse ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        var response = await SendRawAsync(request, completion, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    internal async Task<JsonDocument> SendForJsonAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<Stream> SendForStreamAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var response = await SendAsync(method, path, content, cancellationToken, streamResponse: true, headers).ConfigureAwait(false);
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
    }

    internal static HttpContent JsonContent(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is DaemonUnreachableException unreachable)
        {
            throw unreachable;
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // 304 is how the daemon says "already started/stopped"; docker treats it as success.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = ErrorBody.ExtractMessage(body);
        if (message.Length == 0)
        {
            message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }

        throw new EngineApiException(response.StatusCode, message);
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
