using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Engine.Content;
using Berth.Engine.Images;
using Berth.Engine.Snapshots.Overlay;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

public sealed class DockerArchiveTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<ArchiveSpool> _spools = [];

    private static readonly byte[] Layer = Tar(File("hello", "world")).ToArray();
    private static readonly string LayerDiffId = Sha256(new MemoryStream(Layer));

    private static byte[] Config(string diffId, string created = "2024-05-06T07:08:09.123456789Z") => Encoding.UTF8.GetBytes(
        $$$"""{"architecture":"amd64","config":{"Cmd":["sh"]},"created":"{{{created}}}","os":"linux","rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}""");

    private static ArchiveImage Image(IReadOnlyList<string> tags, bool seekable = true) => new(Config(LayerDiffId), tags,
        [new ArchiveLayer(LayerDiffId, _ => Task.FromResult<Stream>(seekable ? new MemoryStream(Layer) : new NonSeekable(Layer)))]);

    private static async Task<MemoryStream> Save(params ArchiveImage[] images)
    {
        var output = new MemoryStream();
        await DockerArchiveWriter.WriteAsync(images, output, CancellationToken.None);
        output.Position = 0;
        return output;
    }

    private static List<TarEntry> Entries(MemoryStream tar)
    {
        var list = new List<TarEntry>();
        using (var reader = new TarReader(tar, leaveOpen: true))
            while (reader.GetNextEntry(copyData: true) is { } e)
                list.Add(e);
        tar.Position = 0;
        return list;
    }

    private static string Text(List<TarEntry> entries, string name) => new StreamReader(entries.Single(e => e.Name == name).DataStream!).ReadToEnd();

    [Fact]
    public async Task Save_writes_dockers_layout_names_times_and_json()
    {
        var entries = Entries(await Save(Image(["docker.io/library/busybox:latest", "docker.io/library/busybox:1"])));
        Assert.Equal(["blobs/", "blobs/sha256/"], entries.Take(2).Select(e => e.Name));
        Assert.Equal(["index.json", "manifest.json", "oci-layout", "repositories"], entries.TakeLast(4).Select(e => e.Name));
        var blobs = entries.Skip(2).SkipLast(4).Select(e => e.Name).ToList();
        Assert.Equal(4, blobs.Count); // config, layer, v1 JSON, OCI manifest
        Assert.Equal(blobs.Order(StringComparer.Ordinal), blobs);
        Assert.All(entries, e => Assert.Equal(TarEntryFormat.Ustar, e.Format));
        var created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal(created, entries[0].ModificationTime);
        Assert.Equal(DateTimeOffset.UnixEpoch, entries[1].ModificationTime);
        Assert.Equal(created, entries.Single(e => e.Name == "blobs/sha256/" + LayerDiffId[7..]).ModificationTime);

        string manifest = Text(entries, "manifest.json");
        string configHex = Berth.Core.Images.Digest.FromBytes(Config(LayerDiffId)).Hex;
        Assert.Equal($$$$"""[{"Config":"blobs/sha256/{{{{configHex}}}}","RepoTags":["busybox:latest","busybox:1"],"Layers":["blobs/sha256/{{{{LayerDiffId[7..]}}}}"],"LayerSources":{"{{{{LayerDiffId}}}}":{"mediaType":"application/vnd.oci.image.layer.v1.tar","size":{{{{Layer.Length}}}},"digest":"{{{{LayerDiffId}}}}"}}}]""" + "\n", manifest);
        Assert.Equal($$$"""{"busybox":{"1":"{{{LayerDiffId[7..]}}}","latest":"{{{LayerDiffId[7..]}}}"}}""" + "\n", Text(entries, "repositories"));
        Assert.Equal("""{"imageLayoutVersion": "1.0.0"}""", Text(entries, "oci-layout"));
        string indexText = Text(entries, "index.json");
        var index = JsonNode.Parse(indexText)!;
        Assert.Equal(2, index["manifests"]!.AsArray().Count);
        Assert.Equal("docker.io/library/busybox:latest", (string?)index["manifests"]![0]!["annotations"]!["io.containerd.image.name"]);
        Assert.StartsWith("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:""", indexText);
    }

    [Fact]
    public async Task Untagged_images_have_null_repo_tags_and_no_repositories_file()
    {
        var entries = Entries(await Save(Image([], seekable: false)));
        Assert.Contains("\"RepoTags\":null", Text(entries, "manifest.json"));
        Assert.DoesNotContain(entries, e => e.Name == "repositories");
        Assert.Single(JsonNode.Parse(Text(entries, "index.json"))!["manifests"]!.AsArray());
    }

    [RootFact]
    public async Task Saving_is_deterministic_and_loads_back()
    {
        var first = await Save(Image(["docker.io/library/busybox:latest"]));
        Assert.Equal(first.ToArray(), (await Save(Image(["docker.io/library/busybox:latest"], seekable: false))).ToArray());
        var images = await Read(first);
        var image = Assert.Single(images);
        Assert.Equal(Config(LayerDiffId), image.Config);
        Assert.Equal(["docker.io/library/busybox:latest"], image.RepoTags);
        var layer = Assert.Single(image.Layers);
        Assert.Equal(LayerDiffId, layer.Unpacked.DiffId);
        Assert.Equal(LayerDiffId, layer.Unpacked.BlobDigest);
    }

    [RootFact]
    public async Task Old_layout_with_a_linked_layer_and_gzip_is_read()
    {
        var archive = Gzip(Tar(
            new PaxTarEntry(TarEntryType.RegularFile, "aaa/layer.tar") { DataStream = new MemoryStream(Layer) },
            new PaxTarEntry(TarEntryType.SymbolicLink, "bbb/layer.tar") { LinkName = "../aaa/layer.tar" },
            new PaxTarEntry(TarEntryType.RegularFile, "cfg.json") { DataStream = new MemoryStream(Config(LayerDiffId)) },
            new PaxTarEntry(TarEntryType.RegularFile, "manifest.json")
            {
                DataStream = new MemoryStream("""[{"Config":"cfg.json","RepoTags":["app:1"],"Layers":["bbb/layer.tar"]}]"""u8.ToArray()),
            }));
        var image = Assert.Single(await Read(archive));
        Assert.Equal(["docker.io/library/app:1"], image.RepoTags);
        Assert.Equal(LayerDiffId, image.Layers[0].DiffId);
    }

    [RootFact]
    public async Task Oci_layout_with_a_nested_index_picks_linux_amd64()
    {
        string configHex = Berth.Core.Images.Digest.FromBytes(Config(LayerDiffId)).Hex;
        byte[] manifest = Encoding.UTF8.GetBytes($$$"""{"config":{"digest":"sha256:{{{configHex}}}"},"layers":[{"digest":"{{{LayerDiffId}}}"}]}""");
        string manifestDigest = Berth.Core.Images.Digest.FromBytes(manifest);
        byte[] nested = Encoding.UTF8.GetBytes($$$"""{"manifests":[{"digest":"sha256:{{{new string('0', 64)}}}","platform":{"os":"linux","architecture":"arm64"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{manifestDigest}}}","platform":{"os":"linux","architecture":"amd64"}}]}""");
        string nestedDigest = Berth.Core.Images.Digest.FromBytes(nested);
        var archive = Tar(Blob(Layer), Blob(Config(LayerDiffId)), Blob(manifest), Blob(nested),
            new PaxTarEntry(TarEntryType.RegularFile, "index.json")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes($$$"""{"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{nestedDigest}}}","annotations":{"io.containerd.image.name":"example.com/app:v1"}}]}""")),
            });
        var image = Assert.Single(await Read(archive));
        Assert.Equal(["example.com/app:v1"], image.RepoTags);
    }

    [RootFact]
    public async Task Bad_archives_are_refused_clearly()
    {
        var wrongLayer = Tar(
            new PaxTarEntry(TarEntryType.RegularFile, "l.tar") { DataStream = new MemoryStream(Layer) },
            new PaxTarEntry(TarEntryType.RegularFile, "c.json") { DataStream = new MemoryStream(Config("sha256:" + new string('1', 64))) },
            new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream("""[{"Config":"c.json","Layers":["l.tar"]}]"""u8.ToArray()) });
        var e = await Assert.ThrowsAsync<BerthException>(() => Read(wrongLayer));
        Assert.Contains("layer l.tar has digest", e.Message);
        await Assert.ThrowsAsync<BerthException>(() => Read(Tar(File("x", "y"))));
        await Assert.ThrowsAsync<BerthException>(() => Read(Tar(File("../../evil", "y"))));
        Assert.False(System.IO.File.Exists(_dir["evil"]));
        var escape = Tar(new PaxTarEntry(TarEntryType.SymbolicLink, "manifest.json") { LinkName = "../../../etc/passwd" });
        await Assert.ThrowsAsync<BerthException>(() => Read(escape));
    }

    [RootFact]
    public async Task Layers_unpack_as_they_stream_by_and_what_the_manifest_leaves_out_leaves_nothing()
    {
        var big = Tar(File("big", new string('x', 100_000))).ToArray();
        string bigDiffId = Sha256(new MemoryStream(big));
        var archive = Tar(
            new PaxTarEntry(TarEntryType.RegularFile, "aaa/layer.tar") { DataStream = new MemoryStream(big) },
            new PaxTarEntry(TarEntryType.RegularFile, "aaa/VERSION") { DataStream = new MemoryStream("1.0"u8.ToArray()) },
            new PaxTarEntry(TarEntryType.RegularFile, "unused/layer.tar") { DataStream = new MemoryStream(Layer) },
            new PaxTarEntry(TarEntryType.RegularFile, "junk.bin") { DataStream = new MemoryStream(new byte[50_000]) },
            new PaxTarEntry(TarEntryType.RegularFile, "cfg.json") { DataStream = new MemoryStream(Config(bigDiffId)) },
            new PaxTarEntry(TarEntryType.RegularFile, "manifest.json")
            {
                DataStream = new MemoryStream("""[{"Config":"cfg.json","RepoTags":["app:1"],"Layers":["aaa/layer.tar"]}]"""u8.ToArray()),
            });
        var image = Assert.Single(await Read(archive));
        var layer = Assert.Single(image.Layers).Unpacked;
        Assert.Equal(bigDiffId, layer.DiffId);
        Assert.False(layer.IsCommitted);
        // Nothing is visible before a commit; everything goes with the spool.
        Assert.Empty(Directory.GetFiles(_dir["content/sha256"]));
        Assert.NotEmpty(Directory.GetDirectories(_dir["overlay"], "tmp-*"));
        await _spools.Single().DisposeAsync();
        Assert.Empty(Directory.GetDirectories(_dir["overlay"], "tmp-*"));
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
    }

    [RootFact]
    public async Task A_layer_blob_the_store_holds_already_is_not_unpacked_again()
    {
        await new ContentStore(_dir["content"]).WriteAsync(Layer, CancellationToken.None);
        var image = Assert.Single(await Read(await Save(Image(["docker.io/library/busybox:latest"]))));
        var layer = Assert.Single(image.Layers);
        Assert.Equal(LayerDiffId, layer.DiffId);
        Assert.Null(layer.Unpacked);
        Assert.Empty(Directory.GetDirectories(_dir["overlay"], "tmp-*"));
    }

    /// <summary>Reads an archive as load does: its layers unpacked into this test's own stores.</summary>
    private Task<IReadOnlyList<LoadedImage>> Read(Stream archive)
    {
        var spool = new ArchiveSpool(new Unpacker(new ContentStore(_dir["content"]), new OverlaySnapshotter(_dir["overlay"])));
        _spools.Add(spool);
        return DockerArchiveReader.ReadAsync(archive, spool, CancellationToken.None);
    }

    private static PaxTarEntry Blob(byte[] bytes) =>
        new(TarEntryType.RegularFile, "blobs/sha256/" + Berth.Core.Images.Digest.FromBytes(bytes).Hex) { DataStream = new MemoryStream(bytes) };

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    public void Dispose()
    {
        foreach (var spool in _spools)
            spool.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dir.Dispose();
    }
}
