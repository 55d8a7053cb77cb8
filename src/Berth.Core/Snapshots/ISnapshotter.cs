using Berth.Core.Mounts;

namespace Berth.Core.Snapshots;

/// <summary>
/// Filesystem snapshots: read-only image layers named by chain ID, and one writable layer
/// per container on top of its image's chain.
/// <code>
///   layer:      PrepareLayer → (unpack into &lt;prepared&gt;/diff) → CommitLayer(chain ID) | AbortLayer
///               HasLayer / LayerDir → RemoveLayer when no image uses it
///   container:  CreateContainer → ContainerMount (a Mount at RootfsOf) → RemoveContainer
/// </code>
/// A snapshotter never mounts anything itself except to undo its own mounts on removal: it
/// returns <see cref="Mount"/> records and the mounter performs them, so the engine's logic
/// can run against an in-memory snapshotter.
/// </summary>
public interface ISnapshotter
{
    /// <summary>The directory holding a committed layer's files.</summary>
    string LayerDir(string chainId);

    bool HasLayer(string chainId);

    /// <summary>A fresh directory to unpack a layer into (its <c>diff/</c>), later committed or aborted.</summary>
    string PrepareLayer();

    /// <summary>Makes a prepared layer the layer <paramref name="chainId"/>; a layer already there wins.</summary>
    void CommitLayer(string prepared, string chainId);

    void AbortLayer(string prepared);

    void RemoveLayer(string chainId);

    /// <summary>Creates a container's empty writable layer.</summary>
    void CreateContainer(string id);

    /// <summary>Removes a container's writable layer, unmounting its rootfs first.</summary>
    void RemoveContainer(string id);

    /// <summary>Where the container's rootfs is mounted (what the runtime is given).</summary>
    string RootfsOf(string id);

    /// <summary>The container's changes to its image: the writable layer's directory.</summary>
    string UpperOf(string id);

    /// <summary>The mount that makes a container's rootfs of its image's chain (bottom first) and its writable layer.</summary>
    Mount ContainerMount(string id, IReadOnlyList<string> chainIds);

    /// <summary>Bytes in a container's writable layer (what removing it reclaims).</summary>
    long Usage(string id);
}
