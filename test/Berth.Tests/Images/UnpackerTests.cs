using Berth.Core.Errors;
using Berth.Engine.Content;
using Berth.Engine.Images;
using Berth.Engine.Snapshots.Overlay;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Images;

public sealed class UnpackerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ContentStore _content;
    private readonly OverlaySnapshotter _snapshots;
    private readonly Unpacker _unpacker;

    public UnpackerTests()
    {
        _content = new ContentStore(_dir["content"]);
        _snapshots = new OverlaySnapshotter(_dir["overlay"]);
        _unpacker = new Unpacker(_content, _snapshots);
    }

    /// <summary>Snapshot directories other than the snapshotter's own <c>empty</c>.</summary>
    private string[] Snapshots() => Directory.GetDirectories(_dir["overlay"]).Select(Path.GetFileName).Where(n => n != "empty").ToArray()!;

    private void AssertNothingLeft()
    {
        Assert.Empty(_content.Walk());
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
        Assert.Empty(Snapshots());
    }

    [RootFact]
    public async Task A_gzip_layer_is_stored_as_received_and_unpacked_with_both_digests()
    {
        var tar = Tar(Dir("etc/"), File("etc/motd", "hello\n"));
        var gz = Gzip(tar);
        var layer = await _unpacker.UnpackAsync(gz, "", CancellationToken.None);

        Assert.Equal(Sha256(gz), layer.BlobDigest);
        Assert.Equal(Sha256(tar), layer.DiffId);
        Assert.Equal(layer.DiffId, layer.ChainId);
        Assert.Equal("", layer.Parent);
        Assert.Equal(6, layer.Size);
        Assert.Equal([layer.BlobDigest], _content.Walk());
        await using (var stored = _content.Open(layer.BlobDigest))
        {
            var bytes = new MemoryStream();
            await stored.CopyToAsync(bytes);
            Assert.Equal(gz.ToArray(), bytes.ToArray());
        }
        Assert.Equal("hello\n", System.IO.File.ReadAllText(Path.Combine(_snapshots.LayerDir(layer.ChainId), "etc/motd")));
        Assert.Equal([layer.ChainId[7..]], Snapshots());
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
    }

    [RootFact]
    public async Task An_uncompressed_layer_is_hashed_once_its_blob_digest_is_its_diff_id()
    {
        var tar = Tar(File("a", "x"));
        string parent = "sha256:" + new string('a', 64);
        var layer = await _unpacker.UnpackAsync(tar, parent, CancellationToken.None);
        Assert.Equal(Sha256(tar), layer.DiffId);
        Assert.Equal(layer.DiffId, layer.BlobDigest);
        Assert.Equal(Berth.Core.Images.ChainId.Next(parent, layer.DiffId), layer.ChainId);
        Assert.Equal([layer.DiffId], _content.Walk());
    }

    [RootFact]
    public async Task A_hostile_layer_leaves_no_blob_and_no_snapshot()
    {
        var tar = Tar(File("ok", "x"), File("../escape", "y"));
        var e = await Assert.ThrowsAsync<BerthException>(() => _unpacker.UnpackAsync(Gzip(tar), "", CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        AssertNothingLeft();
    }

    [RootFact]
    public async Task A_truncated_layer_leaves_nothing()
    {
        byte[] gz = Gzip(Tar(File("a", new string('x', 100_000)))).ToArray();
        await Assert.ThrowsAsync<BerthException>(() => _unpacker.UnpackAsync(new MemoryStream(gz[..(gz.Length / 2)]), "", CancellationToken.None));
        AssertNothingLeft();
    }

    [RootFact]
    public async Task A_cancelled_unpack_leaves_nothing()
    {
        using var cts = new CancellationTokenSource();
        var stream = new CancellingStream(Tar(File("a", new string('x', 1 << 20))).ToArray(), cts);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _unpacker.UnpackAsync(stream, "", cts.Token));
        AssertNothingLeft();
    }

    [RootFact]
    public async Task An_unpacked_layer_disposed_without_commit_leaves_nothing()
    {
        await using (var unpacked = await _unpacker.ApplyAsync(Tar(File("a", "x")), CancellationToken.None))
        {
            Assert.Single(Snapshots());
            Assert.Single(Directory.GetFiles(_dir["content/ingest"]));
        }
        AssertNothingLeft();
    }

    [RootFact]
    public async Task Unpacking_an_existing_layer_again_keeps_one_copy()
    {
        var first = await _unpacker.UnpackAsync(Tar(File("a", "x")), "", CancellationToken.None);
        var second = await _unpacker.UnpackAsync(Tar(File("a", "x")), "", CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal([first.ChainId[7..]], Snapshots());
        Assert.Equal([first.BlobDigest], _content.Walk());
    }

    /// <summary>Cancels its token once the first chunk has been read: a client gone mid-upload.</summary>
    private sealed class CancellingStream(byte[] bytes, CancellationTokenSource cts) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            int n = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], ct);
            cts.Cancel();
            return n;
        }
    }

    public void Dispose() => _dir.Dispose();
}
