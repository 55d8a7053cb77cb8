using Berth.Core.Snapshots;
using Berth.Engine.Snapshots.Overlay;
using Berth.Linux.Mounts;

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

    [RootFact]
    public void A_disposable_layer_mounts_volatile_and_mounts_again_after_its_unmount()
    {
        using var dir = new TempDir();
        var snapshotter = new OverlaySnapshotter(dir.Path);
        snapshotter.CreateContainer("c1");
        string rootfs = snapshotter.RootfsOf("c1");

        var mount = snapshotter.ContainerMount("c1", [], disposable: true);
        Mounter.MountAt(mount, rootfs);
        File.WriteAllText(Path.Combine(rootfs, "f"), "x");
        Mounter.Unmount(rootfs);
        // overlay's marker of a volatile mount would refuse this one (a second start, a restart).
        Mounter.MountAt(snapshotter.ContainerMount("c1", [], disposable: true), rootfs);
        Mounter.Unmount(rootfs);

        Assert.Contains("volatile", mount.Options);
        Assert.DoesNotContain("volatile", snapshotter.ContainerMount("c1", []).Options);
        Assert.Equal("x", File.ReadAllText(Path.Combine(snapshotter.UpperOf("c1"), "f")));
    }
}
