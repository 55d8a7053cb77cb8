using System.Text;
using Berth.Core.Images;
using Berth.Engine.Archive;
using Berth.Engine.Content;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Snapshots.Overlay;
using Berth.Tests.Fakes;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Images;

/// <summary>Load through the image service: which layers are unpacked, and from where.</summary>
public sealed class ImageLoadTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MetadataStore _metadata;
    private readonly OverlaySnapshotter _snapshots;
    private readonly ImageService _service;

    public ImageLoadTests()
    {
        _metadata = new MetadataStore(_dir["berth.db"]);
        _snapshots = new OverlaySnapshotter(_dir["overlay"]);
        _service = new ImageService(_metadata, new ImageStore(_metadata), new ContentStore(_dir["content"]), _snapshots,
            new FakeContainerCatalog(), new RecordingFreezer(), new EventLog(_metadata));
    }

    private static byte[] LayerOf(string name) => Tar(File(name, name)).ToArray();

    private static string DiffId(byte[] layer) => Digest.FromBytes(layer);

    /// <summary>A docker-archive (Docker 25+ layout: layers named by digest) of one image.</summary>
    private static async Task<MemoryStream> Save(string tag, params byte[][] layers)
    {
        string diffIds = string.Join(',', layers.Select(l => $"\"{DiffId(l)}\""));
        byte[] config = Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","config":{},"created":"2024-01-01T00:00:00Z","os":"linux","rootfs":{"type":"layers","diff_ids":[{{{diffIds}}}]}}""");
        var image = new ArchiveImage(config, [tag],
            layers.Select(l => new ArchiveLayer(DiffId(l), _ => Task.FromResult<Stream>(new MemoryStream(l)))).ToList());
        var output = new MemoryStream();
        await DockerArchiveWriter.WriteAsync([image], output, CancellationToken.None);
        output.Position = 0;
        return output;
    }

    [RootFact]
    public async Task A_stored_blob_under_a_new_parent_is_unpacked_from_the_store_and_nothing_is_left_over()
    {
        byte[] zero = LayerOf("zero"), one = LayerOf("one");
        await _service.LoadAsync(await Save("docker.io/library/x:1", one), CancellationToken.None);
        // "one" is stored by now; on top of "zero" its chain is new, so it comes from the store.
        var lines = await _service.LoadAsync(await Save("docker.io/library/y:1", zero, one), CancellationToken.None);
        Assert.Equal(["Loaded image: y:1"], lines);
        string chain = ChainId.Next(DiffId(zero), DiffId(one));
        Assert.Equal(DiffId(one), _metadata.GetLayer(chain)?.BlobDigest);
        Assert.Equal("one", System.IO.File.ReadAllText(Path.Combine(_snapshots.LayerDir(chain), "one")));
        Assert.Equal("zero", System.IO.File.ReadAllText(Path.Combine(_snapshots.LayerDir(DiffId(zero)), "zero")));

        // All present: loading again unpacks nothing.
        await _service.LoadAsync(await Save("docker.io/library/y:2", zero, one), CancellationToken.None);
        Assert.Empty(Directory.GetDirectories(_dir["overlay"], "tmp-*"));
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
        Assert.Equal(3, Directory.GetDirectories(_dir["overlay"]).Length - 1); // the three chains, besides "empty"
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _dir.Dispose();
    }
}
