using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Content;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Services;
using Berth.Engine.Snapshots.Overlay;
using Berth.Tests.Fakes;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Images;

/// <summary>
/// Blobs and snapshots no row references: left by a failed import (collected at once), or
/// planted as a crash would leave them (collected at the next start); referenced ones stay.
/// </summary>
public sealed class GarbageCollectorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MetadataStore _metadata;
    private ContentStore _content;
    private OverlaySnapshotter _snapshots;
    private ImageService _service;

    public GarbageCollectorTests()
    {
        _metadata = new MetadataStore(_dir["berth.db"]);
        (_content, _snapshots, _service) = Open();
    }

    /// <summary>The stores and service as a daemon start opens them.</summary>
    private (ContentStore, OverlaySnapshotter, ImageService) Open()
    {
        var content = new ContentStore(_dir["content"]);
        var snapshots = new OverlaySnapshotter(_dir["overlay"]);
        return (content, snapshots, new ImageService(_metadata, new ImageStore(_metadata), content, snapshots,
            new FakeContainerCatalog(), new RecordingFreezer(), new EventLog(_metadata)));
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _dir.Dispose();
    }

    /// <summary>Blobs and snapshots; a removed container layer's trash (deleted in the background) is gone already.</summary>
    private (int Blobs, int Snapshots) Count() =>
        (_content.Walk().Count(), Directory.GetDirectories(_dir["overlay"]).Count(d => Path.GetFileName(d) != "empty" && !Berth.Engine.Files.Trash.IsTrash(d)));

    private Task<string> ImportAsync(string file, params string[] changes) =>
        _service.ImportAsync(Tar(File(file, file)), "gc-test", file, changes, null, CancellationToken.None);

    [RootFact]
    public async Task A_failed_import_leaves_no_blob_and_no_snapshot()
    {
        await ImportAsync("kept");
        var before = Count();

        // The layer is unpacked and committed before the changes are found wrong.
        var e = await Assert.ThrowsAsync<BerthException>(() => ImportAsync("lost", "BOGUS x"));

        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(before, Count());
        Assert.Equal((2, 1), before); // the kept image's layer blob and config, its layer
    }

    [RootFact]
    public async Task Orphans_a_crash_left_are_collected_at_the_next_start_and_referenced_things_stay()
    {
        string id = await ImportAsync("kept");
        var kept = Count();
        var paths = new DaemonPaths(_dir["data"], _dir["exec"]);
        paths.Create();
        // What a kill -9 leaves: a blob and a layer written before their image's rows, a
        // container layer before its row, an unfinished unpack, an ingest, a spool.
        await _content.WriteAsync("orphan"u8.ToArray(), CancellationToken.None);
        _snapshots.CommitLayer(_snapshots.PrepareLayer(), "sha256:" + new string('0', 64));
        _snapshots.CreateContainer(new string('c', 64));
        _snapshots.PrepareLayer();
        await System.IO.File.WriteAllTextAsync(Path.Combine(_dir["content/ingest"], "partial"), "x");
        await System.IO.File.WriteAllTextAsync(Path.Combine(paths.Temp, "save-spool"), "x");
        Assert.Equal((kept.Blobs + 1, kept.Snapshots + 3), Count());

        (_content, _snapshots, _service) = Open();
        paths.Create();
        var report = _service.Garbage.Collect(containers: true);

        Assert.Equal(new GcReport(1, 1, 1), report);
        Assert.Equal(kept, Count());
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
        Assert.Empty(Directory.GetFiles(paths.Temp));
        var image = _metadata.ListImages().Single(i => i.Id == id);
        Assert.True(_snapshots.HasLayer(image.DiffIds[0]));
        Assert.True(_content.Exists(id));
    }

    [RootFact]
    public async Task A_collection_asked_for_while_an_operation_holds_a_lease_waits_for_it()
    {
        var lease = _service.Garbage.Lease();
        var (orphan, _) = await _content.WriteAsync("written by an operation in flight"u8.ToArray(), CancellationToken.None);

        _service.Garbage.CollectWhenIdle();
        Assert.True(_content.Exists(orphan));

        lease.Dispose();
        Assert.False(_content.Exists(orphan));
    }

    [RootFact]
    public async Task Removing_an_image_takes_the_compressed_copies_of_its_layers_along()
    {
        string id = await ImportAsync("pushed");
        string diffId = _metadata.ListImages().Single(i => i.Id == id).DiffIds[0];
        // What a push leaves: the layer gzipped once, recorded for the next push.
        var (gzip, size) = await _content.WriteAsync(Gzip(Tar(File("pushed", "pushed"))), null, CancellationToken.None);
        _metadata.PutLayerBlob(diffId, new Berth.Core.Distribution.Descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", gzip, size));

        _service.Remove("gc-test:pushed", force: false);

        Assert.Equal((0, 0), Count());
        Assert.Empty(_metadata.GetLayerBlobs(diffId));
    }
}
