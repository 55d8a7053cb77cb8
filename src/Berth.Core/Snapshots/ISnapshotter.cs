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
public interface ISnapshotter : ILayerSnapshotter, IContainerSnapshotter;
