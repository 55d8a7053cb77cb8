using Berth.Core.Mounts;

namespace Berth.Core.Snapshots;

/// <summary>
/// One writable layer per container, on top of its image's layers: what the container
/// lifecycle needs (create, mount at start, commit's changes, removal).
/// </summary>
public interface IContainerSnapshotter
{
    /// <summary>Creates a container's empty writable layer.</summary>
    void CreateContainer(string id);

    /// <summary>Removes a container's writable layer, unmounting its rootfs first.</summary>
    void RemoveContainer(string id);

    /// <summary>The IDs of the writable layers on disk, whatever references them (for garbage collection).</summary>
    IReadOnlyList<string> ListContainers();

    /// <summary>Where the container's rootfs is mounted (what the runtime is given).</summary>
    string RootfsOf(string id);

    /// <summary>The container's changes to its image: the writable layer's directory.</summary>
    string UpperOf(string id);

    /// <summary>
    /// The mount that makes a container's rootfs of its image's chain (bottom first) and its
    /// writable layer. A <paramref name="disposable"/> layer (a <c>--rm</c> container's, thrown
    /// away at its exit) need not survive a host crash, so nothing of it is synced to disk.
    /// </summary>
    Mount ContainerMount(string id, IReadOnlyList<string> chainIds, bool disposable = false);

    /// <summary>
    /// A read-only mount of a container's whole filesystem that may be mounted anywhere, while
    /// the container runs or not, without touching the rootfs the runtime uses (export, cp of a
    /// stopped container).
    /// </summary>
    Mount ContainerViewMount(string id, IReadOnlyList<string> chainIds);

    /// <summary>Bytes in a container's writable layer (what removing it reclaims).</summary>
    long Usage(string id);
}
