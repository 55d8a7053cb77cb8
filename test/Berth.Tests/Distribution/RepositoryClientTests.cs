using System.Net;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Distribution;

namespace Berth.Tests.Distribution;

/// <summary>
/// The repository client against a protocol-level fake registry (Basic auth, uploads by
/// session, blobs and manifests by digest): the requests it makes and how it checks answers.
/// </summary>
public sealed class RepositoryClientTests
{
    /// <summary>A registry behind HTTP Basic, holding blobs and manifests in memory.</summary>
    private sealed class FakeRegistry : HttpMessageHandler
    {
        public Dictionary<string, byte[]> Blobs { get; } = [];
        public Dictionary<string, (string Type, byte[] Body)> Manifests { get; } = [];
        public List<string> Log { get; } = [];
        private readonly Dictionary<string, MemoryStream> _uploads = [];
        /// <summary>Serve this instead of a blob's bytes (a corrupting registry).</summary>
        public byte[]? Corrupt { get; set; }
        /// <summary>Break full blob GETs after this many bytes (a dropped connection); ranges are served whole.</summary>
        public int? BreakAfter { get; set; }

        /// <summary>Yields its bytes, then fails as a reset connection does.</summary>
        private sealed class BreakingStream(byte[] data) : MemoryStream(data)
        {
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
                Position < Length ? base.ReadAsync(buffer, ct) : throw new IOException("connection reset by peer");
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            string path = request.RequestUri!.AbsolutePath;
            Log.Add($"{request.Method} {request.RequestUri.PathAndQuery}");
            if (request.Headers.Authorization?.Parameter != Convert.ToBase64String("u:p"u8))
            {
                var denied = new HttpResponseMessage(HttpStatusCode.Unauthorized)
                {
                    Content = new StringContent("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""),
                };
                denied.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"fake\"");
                return denied;
            }
            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            if (path == "/v2/")
                return new HttpResponseMessage(HttpStatusCode.OK);
            if (request.Method == HttpMethod.Post && path.EndsWith("/blobs/uploads/"))
            {
                string id = Guid.NewGuid().ToString("N");
                _uploads[id] = new MemoryStream();
                return Accepted($"/v2/repo/blobs/uploads/{id}?state=s0");
            }
            if (path.StartsWith("/v2/repo/blobs/uploads/"))
            {
                string id = path[^32..];
                if (request.Method == HttpMethod.Patch)
                {
                    Assert.Equal($"{_uploads[id].Length}-{_uploads[id].Length + body.Length - 1}", request.Content!.Headers.GetValues("Content-Range").Single());
                    _uploads[id].Write(body);
                    return Accepted($"/v2/repo/blobs/uploads/{id}?state=s{_uploads[id].Length}");
                }
                _uploads[id].Write(body);
                byte[] blob = _uploads[id].ToArray();
                if ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob)) != query["digest"])
                    return new HttpResponseMessage(HttpStatusCode.BadRequest);
                Blobs[query["digest"]!] = blob;
                return new HttpResponseMessage(HttpStatusCode.Created);
            }
            if (path.StartsWith("/v2/repo/blobs/"))
            {
                string digest = path["/v2/repo/blobs/".Length..];
                if (!Blobs.TryGetValue(digest, out var blob))
                    return new HttpResponseMessage(HttpStatusCode.NotFound);
                if (request.Headers.Range?.Ranges.Single().From is long from)
                {
                    var partial = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(blob[(int)from..]) };
                    partial.Content.Headers.ContentRange = new System.Net.Http.Headers.ContentRangeHeaderValue(from, blob.Length - 1, blob.Length);
                    return partial;
                }
                if (BreakAfter is int cut)
                {
                    var broken = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(blob[..cut])) };
                    broken.Content.Headers.ContentLength = blob.Length; // announced whole, as a real server does
                    return broken;
                }
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Corrupt ?? blob) };
            }
            if (path.StartsWith("/v2/repo/manifests/"))
            {
                string reference = path["/v2/repo/manifests/".Length..];
                if (request.Method == HttpMethod.Put)
                {
                    Manifests[reference] = (request.Content!.Headers.ContentType!.MediaType!, body);
                    var created = new HttpResponseMessage(HttpStatusCode.Created);
                    created.Headers.Add("Docker-Content-Digest", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
                    return created;
                }
                if (!Manifests.TryGetValue(reference, out var m))
                    return new HttpResponseMessage(HttpStatusCode.NotFound)
                    {
                        Content = new StringContent("""{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"""),
                    };
                var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(m.Body) };
                ok.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(m.Type);
                return ok;
            }
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Accepted(string location)
        {
            var r = new HttpResponseMessage(HttpStatusCode.Accepted);
            r.Headers.Location = new Uri(location, UriKind.Relative);
            return r;
        }
    }

    private static IRepositoryClient Open(FakeRegistry fake, string user = "u", string password = "p") =>
        new RegistryClient(new RegistryHosts([]), fake).Open(ImageReference.Parse("127.0.0.1:5000/repo:1"), new RegistryCredentials(user, password), push: true);

    private static Descriptor Blob(byte[] data) => new("application/octet-stream", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data)), data.Length);

    [Fact]
    public async Task Monolithic_upload_is_post_then_put_with_the_digest()
    {
        var fake = new FakeRegistry();
        var repo = Open(fake);
        byte[] data = Encoding.UTF8.GetBytes("hello layer");
        Assert.False(await repo.BlobExistsAsync(Blob(data).Digest, CancellationToken.None));
        await repo.PushBlobAsync(Blob(data), new MemoryStream(data), null, CancellationToken.None);
        Assert.Equal(data, fake.Blobs[Blob(data).Digest]);
        Assert.True(await repo.BlobExistsAsync(Blob(data).Digest, CancellationToken.None));
        Assert.Contains(fake.Log, l => l.StartsWith("PUT /v2/repo/blobs/uploads/") && l.Contains("state=s0&digest=sha256%3A"));
    }

    [Fact]
    public async Task Large_blobs_go_up_in_chunks_with_content_ranges()
    {
        var fake = new FakeRegistry();
        var repo = Open(fake);
        byte[] data = RandomNumberGenerator.GetBytes(10_000);
        var reported = new List<long>();
        (long above, int size) = (RepositoryClient.ChunkedAbove, RepositoryClient.ChunkSize);
        RepositoryClient.ChunkedAbove = 1000;
        RepositoryClient.ChunkSize = 4096;
        try
        {
            await repo.PushBlobAsync(Blob(data), new MemoryStream(data), new SyncProgress<long>(reported.Add), CancellationToken.None);
        }
        finally
        {
            (RepositoryClient.ChunkedAbove, RepositoryClient.ChunkSize) = (above, size);
        }
        Assert.Equal(data, fake.Blobs[Blob(data).Digest]);
        Assert.Equal(3, fake.Log.Count(l => l.StartsWith("PATCH ")));
        Assert.Equal([4096L, 8192L, 10_000L], reported);
    }

    [Fact]
    public async Task Manifests_round_trip_and_a_digest_reference_is_verified()
    {
        var fake = new FakeRegistry();
        var repo = Open(fake);
        byte[] manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.DockerManifest}}","config":{"digest":"sha256:{{new string('a', 64)}}","size":1},"layers":[]}""");
        string digest = await repo.PutManifestAsync("1", MediaTypes.DockerManifest, manifest, CancellationToken.None);
        var fetched = await repo.GetManifestAsync("1", CancellationToken.None);
        Assert.Equal(digest, fetched.Descriptor.Digest);
        Assert.Equal(MediaTypes.DockerManifest, fetched.Descriptor.MediaType);

        fake.Manifests[digest] = (MediaTypes.DockerManifest, Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"tampered\":1}"));
        var e = await Assert.ThrowsAsync<BerthException>(() => repo.GetManifestAsync(digest, CancellationToken.None));
        Assert.Contains("manifest verification failed", e.Message);

        var unknown = await Assert.ThrowsAsync<RegistryException>(() => repo.GetManifestAsync("nope", CancellationToken.None));
        Assert.Equal(RegistryException.ManifestUnknown, unknown.Code);
        Assert.Equal("manifest unknown: manifest unknown", unknown.Message);
    }

    [Fact]
    public async Task A_blob_that_does_not_match_its_digest_fails_at_its_end()
    {
        var fake = new FakeRegistry();
        byte[] data = Encoding.UTF8.GetBytes("the real bytes");
        fake.Blobs[Blob(data).Digest] = data;
        fake.Corrupt = Encoding.UTF8.GetBytes("the fake bytes");
        var repo = Open(fake);
        await using var stream = await repo.OpenBlobAsync(Blob(data), CancellationToken.None);
        var e = await Assert.ThrowsAsync<BerthException>(() => stream.CopyToAsync(Stream.Null));
        Assert.Contains("verification failed", e.Message);
    }

    [Fact]
    public async Task Wrong_basic_credentials_read_as_the_registrys_error_and_none_as_dockerds()
    {
        var wrong = Open(new FakeRegistry(), password: "x");
        var e = await Assert.ThrowsAsync<RegistryException>(() => wrong.GetManifestAsync("1", CancellationToken.None));
        Assert.Equal("unauthorized: authentication required", e.Message);
        Assert.Equal(ErrorKind.Internal, e.Kind); // not a 401 of berthd's: the CLI would prompt for a login

        var none = new RegistryClient(new RegistryHosts([]), new FakeRegistry())
            .Open(ImageReference.Parse("127.0.0.1:5000/repo:1"), RegistryCredentials.Anonymous, push: false);
        var n = await Assert.ThrowsAsync<BerthException>(() => none.GetManifestAsync("1", CancellationToken.None));
        Assert.EndsWith("no basic auth credentials", n.Message);
    }

    [Fact]
    public async Task A_dropped_download_resumes_with_a_range_and_the_digest_still_holds()
    {
        var fake = new FakeRegistry();
        byte[] data = RandomNumberGenerator.GetBytes(100_000);
        fake.Blobs[Blob(data).Digest] = data;
        fake.BreakAfter = 30_000;
        var repo = Open(fake);
        var copy = new MemoryStream();
        await using (var stream = await repo.OpenBlobAsync(Blob(data), CancellationToken.None))
            await stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(2, fake.Log.Count(l => l.StartsWith("GET /v2/repo/blobs/")));
    }
}
