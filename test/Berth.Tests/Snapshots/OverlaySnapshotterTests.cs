using Berth.Core.Snapshots;
using Berth.Engine.Snapshots.Overlay;

namespace Berth.Tests.Snapshots;

/// <summary>The snapshotter contract against overlay's directories (nothing is mounted here).</summary>
public sealed class OverlaySnapshotterTests : SnapshotterContract
{
    private protected override ISnapshotter Create(string root) => new OverlaySnapshotter(root);

    [Fact]
    public void Layers_are_named_by_their_chain_id_hex()
    {
        using var dir = new TempDir();
        var snapshotter = new OverlaySnapshotter(dir.Path);
        string hex = new string('a', 64);

        Assert.Equal(Path.Combine(dir.Path, hex, "diff"), snapshotter.LayerDir("sha256:" + hex));
        Assert.Equal(Path.Combine(dir.Path, hex, "diff"), snapshotter.LayerDir(hex));
    }
}
