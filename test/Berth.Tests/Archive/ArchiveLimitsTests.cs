using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Engine.Content;
using Berth.Engine.Images;
using Berth.Engine.Snapshots.Overlay;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

/// <summary>Untrusted layers past the limits are refused while they stream, and leave nothing behind.</summary>
public sealed class ArchiveLimitsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ContentStore _content;
    private readonly OverlaySnapshotter _snapshots;

    public ArchiveLimitsTests()
    {
        _content = new ContentStore(_dir["content"]);
        _snapshots = new OverlaySnapshotter(_dir["overlay"]);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A gzip of a tar holding one file of zeros: 4 MiB that compress to a few KiB.</summary>
    private static MemoryStream Bomb(int mib = 4)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "zeros") { DataStream = new MemoryStream(new byte[mib << 20]) });
        tar.Position = 0;
        return Gzip(tar);
    }

    private Task<UnpackedLayer> Unpack(Stream layer, ArchiveLimits limits) =>
        new Unpacker(_content, _snapshots, limits).ApplyAsync(layer, CancellationToken.None);

    private void AssertNothingLeft()
    {
        Assert.Empty(_content.Walk());
        Assert.Empty(Directory.GetFiles(_dir["content/ingest"]));
        Assert.Equal(["empty"], Directory.GetDirectories(_dir["overlay"]).Select(Path.GetFileName));
    }

    [RootFact]
    public async Task A_layer_expanding_past_the_ratio_beyond_the_floor_is_refused_and_leaves_nothing()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Unpack(Bomb(), ArchiveLimits.Default with { ExpansionFloor = 1 << 20 }));

        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("expansion past 100:1 (possible decompression bomb)", e.Message);
        AssertNothingLeft();
    }

    [RootFact]
    public async Task The_same_layer_below_the_floor_is_accepted()
    {
        await using var layer = await Unpack(Bomb(), ArchiveLimits.Default);

        Assert.Equal(4 << 20, layer.Size);
    }

    [RootFact]
    public async Task A_layer_decompressing_past_the_size_limit_is_refused()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => Unpack(Bomb(), ArchiveLimits.Default with { MaxDecompressedSize = 1 << 20 }));

        Assert.Contains("more than 1048576 bytes", e.Message);
        AssertNothingLeft();
    }

    [RootFact]
    public async Task A_tar_with_more_entries_than_allowed_is_refused()
    {
        var tar = Tar(Dir("d/"), File("d/1", "1"), File("d/2", "2"), File("d/3", "3"));

        var e = await Assert.ThrowsAsync<BerthException>(() => Unpack(tar, ArchiveLimits.Default with { MaxEntries = 3 }));

        Assert.Equal("refusing an archive of more than 3 entries", e.Message);
        AssertNothingLeft();
    }

    [Fact]
    public void The_ratio_counts_only_past_the_floor_and_zero_turns_it_off()
    {
        var limits = ArchiveLimits.Default with { ExpansionFloor = 1000 };
        limits.CheckExpansion(1, 1000);
        Assert.Throws<BerthException>(() => limits.CheckExpansion(1, 1001));
        (limits with { MaxExpansionRatio = 0 }).CheckExpansion(1, 1 << 30);
    }
}
