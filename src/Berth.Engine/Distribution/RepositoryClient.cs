using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Distribution;

/// <summary>
/// One repository at one registry, with one set of credentials. The first request probes
/// <c>/v2/</c>; every request then carries the answer to its challenge (a cached bearer token
/// for <c>repository:NAME:pull[,push]</c>, or Basic). A 401 on a bearer request drops the
/// token and retries once, which covers tokens that expired early.
/// </summary>
internal sealed class RepositoryClient(RegistryClient registry, string host, string repository, RegistryCredentials credentials, bool push)
    : IRepositoryClient
{
    private readonly SemaphoreSlim _probe = new(1, 1);
    private Uri? _base;
    private AuthChallenge? _challenge;

    public string Repository => repository;

    private string Scope => $"repository:{repository}:{(push ? "pull,push" : "pull")}";

    private Uri Url(string path) => new(_base!, $"v2/{repository}/{path}");

    private async Task EnsureProbedAsync(CancellationToken ct)
    {
        if (_base is not null)
            return;
        await _probe.WaitAsync(ct);
        try
        {
            if (_base is null)
                (_base, _challenge) = await registry.PingAsync(host, ct);
        }
        finally
        {
            _probe.Release();
        }
    }

    /// <summary>Sends a request made by <paramref name="make"/> (called again for a retry), authorised.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, CancellationToken ct, string? extraScope = null)
    {
        await EnsureProbedAsync(ct);
        for (int attempt = 0; ; attempt++)
        {
            var request = make();
            string? token = await AuthorizeAsync(request, extraScope, ct);
            var response = await registry.HttpFor(host).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized || token is null || attempt > 0)
                return response;
            registry.Tokens.Forget(token);
            response.Dispose();
        }
    }

    /// <summary>Adds the Authorization header; returns the bearer token used, if any.</summary>
    private async Task<string?> AuthorizeAsync(HttpRequestMessage request, string? extraScope, CancellationToken ct)
    {
        if (_challenge is null)
            return null;
        if (_challenge.IsBasic)
        {
            if (string.IsNullOrEmpty(credentials.Username))
                throw new BerthException(ErrorKind.Internal,
                    $"{request.Method.Method[0]}{request.Method.Method[1..].ToLowerInvariant()} \"{request.RequestUri}\": no basic auth credentials");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.Username + ":" + credentials.Password)));
            return null;
        }
        if (!_challenge.IsBearer)
            return null;
        string token = !string.IsNullOrEmpty(credentials.RegistryToken)
            ? credentials.RegistryToken
            : await registry.Tokens.GetAsync(_challenge, extraScope is null ? Scope : Scope + " " + extraScope, credentials, ct);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    private static async Task<HttpResponseMessage> EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await RegistryErrors.FromResponseAsync(response, ct);
    }

    public async Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken ct)
    {
        using var response = await EnsureSuccessAsync(await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url("manifests/" + reference));
            foreach (string type in MediaTypes.Accepted)
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, ct), ct);
        byte[] content = await Bounded.ReadAsync(response.Content, Bounded.MaxManifest, ct);
        string digest = Digest.FromBytes(content);
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
            throw BerthException.Invalid($"manifest verification failed for digest {reference}");
        string mediaType = Manifests.MediaTypeOf(content, response.Content.Headers.ContentType?.MediaType);
        return new FetchedManifest(new Descriptor(mediaType, digest, content.Length), content);
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct)
    {
        await EnsureProbedAsync(ct); // Url needs the base the probe finds
        var tags = new List<string>();
        Uri? next = Url("tags/list");
        for (int page = 0; next is not null && page < 100; page++)
        {
            Uri current = next;
            using var response = await EnsureSuccessAsync(await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, current), ct), ct);
            using (var doc = System.Text.Json.JsonDocument.Parse(await Bounded.ReadAsync(response.Content, Bounded.MaxManifest, ct)))
                if (doc.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array)
                    tags.AddRange(list.EnumerateArray().Select(t => t.GetString()).Where(t => !string.IsNullOrEmpty(t))!);
            // Pagination: Link: </v2/NAME/tags/list?last=x&n=y>; rel="next"
            next = response.Headers.TryGetValues("Link", out var links)
                && links.FirstOrDefault() is string link && link.IndexOf('<') is int open && open >= 0 && link.IndexOf('>', open) is int close && close > open
                ? new Uri(_base!, link[(open + 1)..close]) : null;
        }
        return tags;
    }

    public async Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken ct)
    {
        var response = await EnsureSuccessAsync(await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("blobs/" + blob.Digest)), ct), ct);
        try
        {
            if (response.Content.Headers.ContentLength is long length && blob.Size >= 0 && length != blob.Size)
                throw BerthException.Invalid($"blob {blob.Digest}: the registry sends {length} bytes, the descriptor says {blob.Size}");
            var resuming = new ResumingStream(response, await response.Content.ReadAsStreamAsync(ct), blob.Size,
                (offset, token) => ReopenBlobAsync(blob, offset, token));
            return new VerifyingStream(resuming, blob.Digest, blob.Size);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The rest of a blob from <paramref name="offset"/>; an IOException if the registry will not serve a range.</summary>
    private async Task<(HttpResponseMessage, Stream)> ReopenBlobAsync(Descriptor blob, long offset, CancellationToken ct)
    {
        var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url("blobs/" + blob.Digest));
            request.Headers.Range = new RangeHeaderValue(offset, null);
            return request;
        }, ct);
        if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != offset)
        {
            response.Dispose();
            throw new IOException($"the registry cannot resume blob {blob.Digest} at byte {offset}");
        }
        return (response, await response.Content.ReadAsStreamAsync(ct));
    }

    public async Task<bool> BlobExistsAsync(string digest, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url("blobs/" + digest)), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        if (response.IsSuccessStatusCode)
            return true;
        throw await RegistryErrors.FromResponseAsync(response, ct);
    }

    public async Task<bool> MountBlobAsync(string digest, string fromRepository, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post,
            Url($"blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}")), ct,
            extraScope: $"repository:{fromRepository}:pull");
        if (response.StatusCode == HttpStatusCode.Created)
            return true;
        if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is Uri location)
        {
            // The registry started an upload instead; cancel it.
            using var _ = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, new Uri(Url(""), location)), ct);
        }
        return false;
    }

    /// <summary>Blobs larger than this go up in chunks of <see cref="ChunkSize"/>.</summary>
    internal static long ChunkedAbove { get; set; } = 256L << 20;
    internal static int ChunkSize { get; set; } = 32 << 20;

    /// <summary>
    /// <code>
    ///   POST blobs/uploads/                         ─▶ 202, Location L (an upload session)
    ///   monolithic: PUT L?digest=D  (the whole blob)  ─▶ 201
    ///   chunked:    PATCH L  Content-Range: a-b      ─▶ 202, Location L' (repeated, L = L')
    ///               PUT L?digest=D  (no body)        ─▶ 201
    /// </code>
    /// The registry verifies the digest. Chunks are buffered, so each can be sent again after a
    /// 401; the monolithic body streams once (the probe's cached token authorises it).
    /// </summary>
    public async Task PushBlobAsync(Descriptor blob, Stream content, IProgress<long>? sent, CancellationToken ct)
    {
        Uri location;
        using (var start = await EnsureSuccessAsync(await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url("blobs/uploads/")), ct), ct))
            location = NextLocation(start);
        if (blob.Size > ChunkedAbove)
        {
            await PushChunksAsync(location, blob, content, sent, ct);
            return;
        }
        var builder = new UriBuilder(location);
        builder.Query = (builder.Query.TrimStart('?') is { Length: > 0 } q ? q + "&" : "") + "digest=" + Uri.EscapeDataString(blob.Digest);
        // The body can be sent once only; a 401 retry would have nothing to send, so the probe's
        // token (cached, for this scope) is what authorises it.
        var counting = new CountingStream(content, sent);
        using var response = await EnsureSuccessAsync(await SendAsync(() =>
        {
            var body = new StreamContent(counting, 1 << 16);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = blob.Size;
            return new HttpRequestMessage(HttpMethod.Put, builder.Uri) { Content = body };
        }, ct), ct);
    }

    private Uri NextLocation(HttpResponseMessage response) =>
        new(Url(""), response.Headers.Location ?? throw BerthException.Invalid("registry answered an upload without a Location"));

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        builder.Query = (builder.Query.TrimStart('?') is { Length: > 0 } q ? q + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }

    private async Task PushChunksAsync(Uri location, Descriptor blob, Stream content, IProgress<long>? sent, CancellationToken ct)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long offset = 0;
            int n;
            while ((n = await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, ct)) > 0)
            {
                Uri target = location;
                long start = offset;
                int length = n;
                using (var response = await EnsureSuccessAsync(await SendAsync(() =>
                {
                    var body = new ByteArrayContent(buffer, 0, length);
                    body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    body.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + length - 1}");
                    return new HttpRequestMessage(HttpMethod.Patch, target) { Content = body };
                }, ct), ct))
                    location = NextLocation(response);
                offset += n;
                sent?.Report(offset);
            }
            Uri final = WithDigest(location, blob.Digest);
            using var done = await EnsureSuccessAsync(await SendAsync(() =>
                new HttpRequestMessage(HttpMethod.Put, final) { Content = new ByteArrayContent([]) }, ct), ct);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<string> PutManifestAsync(string reference, string mediaType, byte[] content, CancellationToken ct)
    {
        using var response = await EnsureSuccessAsync(await SendAsync(() =>
        {
            var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, Url("manifests/" + reference)) { Content = body };
        }, ct), ct);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : Digest.FromBytes(content);
    }
}
