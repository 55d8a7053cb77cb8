using System.Text;
using Berth.Core.Distribution;
using Berth.Core.Images;
using Berth.Engine.Content;
using Berth.Engine.Images;
using Berth.Engine.Registry;
using Berth.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Tests.Registry;

/// <summary>The registry service over a real content store and SQLite: uploads, mounts, artifacts, tags, referrers, deletes.</summary>
public sealed class RegistryServiceTests : IDisposable
{
    private readonly EngineParts _engine = new();
    private readonly TempDir _dir = new();
    private readonly ContentStore _content;
    private readonly RegistryService _registry;

    public RegistryServiceTests()
    {
        _content = new ContentStore(_dir["content"]);
        var images = new ImageService(_engine.Metadata, _engine.Images, _content, _engine.Snapshots, _engine.Catalog, _engine.Containers, _engine.Events);
        _registry = new RegistryService(_engine.Metadata, _content, images, NullLogger<RegistryService>.Instance);
    }

    private static MemoryStream Body(byte[] b) => new(b);
    private static string DigestOf(byte[] b) => Digest.FromBytes(b).ToString();

    [Fact]
    public async Task Chunks_must_follow_each_other_and_a_wrong_digest_stores_nothing()
    {
        byte[] blob = Encoding.UTF8.GetBytes(new string('z', 5000));
        var upload = _registry.StartUpload("app/data");
        await _registry.AppendAsync("app/data", upload.Id, 0, Body(blob[..3000]), CancellationToken.None);
        var gap = await Assert.ThrowsAsync<RegistryException>(() => _registry.AppendAsync("app/data", upload.Id, 10, Body(blob[10..20]), CancellationToken.None));
        Assert.Equal(416, gap.Status);
        var wrong = await Assert.ThrowsAsync<RegistryException>(() =>
            _registry.FinishUploadAsync("app/data", upload.Id, DigestOf("other"u8.ToArray()), Body(blob[3000..]), CancellationToken.None));
        Assert.Equal("DIGEST_INVALID", wrong.Code);
        Assert.False(_content.Exists(DigestOf(blob)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir["content"], "ingest")));
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", Assert.Throws<RegistryException>(() => _registry.GetUpload("app/data", upload.Id)).Code);
    }

    [Fact]
    public async Task A_blob_is_served_where_pushed_or_mounted_and_deleting_unlinks_it_there_only()
    {
        byte[] blob = "layer bytes"u8.ToArray();
        string digest = await _registry.PutBlobAsync("app/one", DigestOf(blob), Body(blob), CancellationToken.None);
        Assert.Equal(RegistryException.BlobUnknown, Assert.Throws<RegistryException>(() => _registry.OpenBlob("app/two", digest)).Code);
        Assert.False(_registry.MountBlob("app/two", digest, "app/none"));
        Assert.True(_registry.MountBlob("app/two", digest, "app/one"));
        _registry.DeleteBlob("app/one", digest);
        Assert.Throws<RegistryException>(() => _registry.OpenBlob("app/one", digest));
        using var served = _registry.OpenBlob("app/two", digest);
        Assert.Equal(blob.Length, served.Length);
    }

    [Fact]
    public async Task Artifacts_are_tagged_listed_and_found_by_their_subject()
    {
        byte[] config = "{}"u8.ToArray();
        await _registry.PutBlobAsync("app/art", DigestOf(config), Body(config), CancellationToken.None);
        byte[] subject = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"application/vnd.x","digest":"{{DigestOf(config)}}","size":2},"layers":[]}""");
        var put = await _registry.PutManifestAsync("app/art", "v1", MediaTypes.OciManifest, Body(subject), CancellationToken.None);
        Assert.Null(put.ImageId); // not a container image: kept as the registry's own
        byte[] signature = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","artifactType":"application/vnd.sig","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{DigestOf(config)}}","size":2},"layers":[],"subject":{"mediaType":"{{MediaTypes.OciManifest}}","digest":"{{put.Digest}}","size":{{subject.Length}}},"annotations":{"k":"v"} }""");
        var sig = await _registry.PutManifestAsync("app/art", DigestOf(signature), MediaTypes.OciManifest, Body(signature), CancellationToken.None);
        Assert.Equal(put.Digest, sig.Subject);

        var (tags, more) = _registry.ListTags("app/art", null, null);
        Assert.Equal(["v1"], tags);
        Assert.False(more);
        var referrers = _registry.ListReferrers("app/art", put.Digest, "application/vnd.sig");
        Assert.Equal([sig.Digest], referrers.Select(r => r.Digest));
        Assert.Equal("""{"k":"v"}""", referrers[0].Annotations);
        Assert.Empty(_registry.ListReferrers("app/art", put.Digest, "application/vnd.other"));

        _registry.DeleteManifest("app/art", put.Digest);
        Assert.Equal(RegistryException.ManifestUnknown, (await Assert.ThrowsAsync<RegistryException>(() => _registry.GetManifestAsync("app/art", "v1", CancellationToken.None))).Code);
    }

    [Fact]
    public async Task A_manifest_naming_an_absent_blob_or_under_a_wrong_digest_is_refused()
    {
        byte[] manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"application/vnd.x","digest":"sha256:{{new string('a', 64)}}","size":2},"layers":[]}""");
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", (await Assert.ThrowsAsync<RegistryException>(() =>
            _registry.PutManifestAsync("app/bad", "v1", MediaTypes.OciManifest, Body(manifest), CancellationToken.None))).Code);
        Assert.Equal("DIGEST_INVALID", (await Assert.ThrowsAsync<RegistryException>(() =>
            _registry.PutManifestAsync("app/bad", "sha256:" + new string('b', 64), MediaTypes.OciManifest, Body(manifest), CancellationToken.None))).Code);
        Assert.Equal("NAME_INVALID", (await Assert.ThrowsAsync<RegistryException>(() =>
            _registry.GetManifestAsync("App/Bad", "v1", CancellationToken.None))).Code);
        Assert.Equal("SIZE_INVALID", (await Assert.ThrowsAsync<RegistryException>(() =>
            _registry.PutManifestAsync("app/bad", "v1", MediaTypes.OciManifest, Body(new byte[RegistryService.MaxManifest + 1]), CancellationToken.None))).Code);
    }

    [Fact]
    public async Task A_local_image_is_served_under_its_tag_and_its_manifest_digest_without_a_push()
    {
        byte[] config = """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray();
        var (id, _) = await _content.WriteAsync(config, CancellationToken.None);
        _engine.Metadata.PutImage(new Image { Id = id, Config = config, DiffIds = [], Created = DateTime.UtcNow, Size = 0 }, [], ["docker.io/library/local-only:v1"]);

        var (byTag, content) = await _registry.GetManifestAsync("local-only", "v1", CancellationToken.None);
        content.Dispose();
        Assert.Equal((MediaTypes.DockerManifest, id), (byTag.MediaType, byTag.ImageId));
        using (var config_ = _registry.OpenBlob("local-only", id))
            Assert.Equal(config.Length, config_.Length);
        // Asked by digest first (a client that kept it), the manifest is found again.
        _engine.Metadata.DeleteRegistryManifest("local-only", byTag.Digest);
        var (byDigest, again) = await _registry.GetManifestAsync("local-only", byTag.Digest, CancellationToken.None);
        again.Dispose();
        Assert.Equal(byTag.Digest, byDigest.Digest);
        Assert.Equal(["v1"], _registry.ListTags("local-only", null, null).Tags);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _dir.Dispose();
    }
}
