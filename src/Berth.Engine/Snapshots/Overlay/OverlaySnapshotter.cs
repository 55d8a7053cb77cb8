using Berth.Core.Images;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Engine.Files;
using Berth.Linux.Mounts;

namespace Berth.Engine.Snapshots.Overlay;

/// <summary>
/// Layers and container filesystems on overlayfs, under <c>overlay/</c>:
/// <code>
///   overlay/&lt;chain-id hex&gt;/diff      an unpacked image layer (read-only once committed)
///   overlay/&lt;container id&gt;/diff     the container's writable layer (overlay upperdir)
///                          /work     overlay's workdir
///                          /merged   the mounted rootfs runc is given
///   overlay/empty/                 the lower of an image without layers
/// </code>
/// A layer is unpacked into <c>overlay/tmp-*</c> and renamed to its chain ID only when whole.
/// A removed container's layer goes to <c>overlay/trash-*</c> and is deleted in the background.
/// The snapshotter only returns <see cref="Mount"/> records; <see cref="Mounter"/> performs them.
/// </summary>
public sealed class OverlaySnapshotter : ISnapshotter
{
    private readonly string _root;

    public OverlaySnapshotter(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        foreach (string stale in Directory.EnumerateDirectories(root, "tmp-*"))
            Directory.Delete(stale, recursive: true);
        Trash.Sweep(root);
    }

    public string LayerDir(string chainId) => Path.Combine(_root, Hex(chainId), "diff");

    public bool HasLayer(string chainId) => Directory.Exists(LayerDir(chainId));

    /// <summary>A fresh directory to unpack a layer into, later passed to <see cref="CommitLayer"/>.</summary>
    public string PrepareLayer()
    {
        string dir = Path.Combine(_root, "tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "diff"));
        return dir;
    }

    public void CommitLayer(string prepared, string chainId)
    {
        string target = Path.Combine(_root, Hex(chainId));
        if (Directory.Exists(target))
            Directory.Delete(prepared, recursive: true);
        else
            Directory.Move(prepared, target);
    }

    public void AbortLayer(string prepared)
    {
        if (Directory.Exists(prepared))
            Directory.Delete(prepared, recursive: true);
    }

    public void RemoveLayer(string chainId)
    {
        string dir = Path.Combine(_root, Hex(chainId));
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    /// <summary>Directories named by a chain ID's hex without a <c>work/</c>: a container's layer has one.</summary>
    public IReadOnlyList<string> ListLayers() =>
        Snapshots().Where(d => !Directory.Exists(Path.Combine(d, "work")))
            .Select(d => Digest.Sha256 + ":" + Path.GetFileName(d)).Where(c => Digest.TryParse(c, out _)).ToList();

    public IReadOnlyList<string> ListContainers() =>
        Snapshots().Where(d => Directory.Exists(Path.Combine(d, "work"))).Select(d => Path.GetFileName(d)!).ToList();

    /// <summary>Committed snapshots: everything but the empty lower, layers being unpacked and the trash.</summary>
    private IEnumerable<string> Snapshots() =>
        Directory.EnumerateDirectories(_root).Where(d => Path.GetFileName(d) is not ("empty" or ['t', 'm', 'p', '-', ..]) && !Trash.IsTrash(d));

    /// <summary>Creates a container's writable layer; the chain it sits on is given at mount time.</summary>
    public void CreateContainer(string id)
    {
        string dir = Path.Combine(_root, id);
        Directory.CreateDirectory(Path.Combine(dir, "diff"));
        Directory.CreateDirectory(Path.Combine(dir, "work"));
        Directory.CreateDirectory(Path.Combine(dir, "merged"));
    }

    public string RootfsOf(string id) => Path.Combine(_root, id, "merged");

    public string UpperOf(string id) => Path.Combine(_root, id, "diff");

    /// <summary>
    /// The overlay mount of a container's rootfs; overlay lists lowers top first. A disposable
    /// layer is mounted <c>volatile</c>: the unmount at its exit then does not sync the whole
    /// filesystem under the data root, which on a busy disk took tens of milliseconds of every
    /// <c>run --rm</c>. overlay leaves a marker in the workdir that refuses the next mount (it
    /// cannot tell a clean unmount from a crash); the layer is ours to throw away either way.
    /// </summary>
    public Mount ContainerMount(string id, IReadOnlyList<string> chainIds, bool disposable = false)
    {
        var lowers = chainIds.Count == 0
            ? [Path.Combine(_root, "empty")]
            : chainIds.Reverse().Select(LayerDir).ToList();
        string dir = Path.Combine(_root, id);
        string volatileMarker = Path.Combine(dir, "work", "work", "incompat");
        if (Directory.Exists(volatileMarker))
            Directory.Delete(volatileMarker, recursive: true);
        List<string> options =
        [
            "lowerdir=" + string.Join(':', lowers),
            "upperdir=" + Path.Combine(dir, "diff"),
            "workdir=" + Path.Combine(dir, "work"),
        ];
        if (disposable)
            options.Add("volatile");
        return new Mount("overlay", "overlay", options);
    }

    /// <summary>
    /// The writable layer as the topmost lower of an overlay without an upper: read-only, and
    /// it needs no workdir, so it never competes with the container's own mount for one.
    /// </summary>
    public Mount ContainerViewMount(string id, IReadOnlyList<string> chainIds)
    {
        var lowers = chainIds.Count == 0 ? [Path.Combine(_root, "empty")] : chainIds.Reverse().Select(LayerDir).ToList();
        return new Mount("overlay", "overlay", ["ro", "lowerdir=" + string.Join(':', lowers.Prepend(UpperOf(id)))]);
    }

    public void RemoveContainer(string id)
    {
        string dir = Path.Combine(_root, id);
        Mounter.Unmount(Path.Combine(dir, "merged"));
        Trash.Delete(dir);
    }

    public long Usage(string id)
    {
        string dir = UpperOf(id);
        return Directory.Exists(dir) ? Berth.Linux.Files.TreeSize.Of(dir) : 0;
    }

    /// <summary>A layer's directory name: its chain ID's hex (a bare hex name is taken as is).</summary>
    private static string Hex(string chainId) => Digest.TryParse(chainId, out var digest) ? digest.Hex : chainId;
}
