using Berth.Core.Containers;
using Berth.Core.Images;
using Berth.Core.Snapshots;
using Berth.Engine.Archive;
using Berth.Engine.Services;

namespace Berth.Engine.Files;

/// <summary>
/// The files of a container as the Engine API shows them: its changes (<c>docker diff</c>) and
/// its whole filesystem as a tar (<c>docker export</c>). Works on running and stopped
/// containers alike; nothing runs inside the container.
/// </summary>
public sealed partial class ContainerFileService(IContainerCatalog containers, ISnapshotter snapshots, IImageStore images, DaemonPaths paths)
{
    /// <summary>The container's changes to its image, from its writable layer.</summary>
    public IReadOnlyList<FileChange> Changes(string idOrName)
    {
        var c = containers.Get(idOrName);
        var lowers = ChainOf(c).Reverse().Select(snapshots.LayerDir).ToList();
        return ChangeWalker.Walk(snapshots.UpperOf(c.Id), lowers);
    }

    /// <summary>Writes the container's merged filesystem to <paramref name="output"/> as a tar.</summary>
    public async Task ExportAsync(string idOrName, Stream output, CancellationToken ct)
    {
        using var rootfs = Lease(containers.Get(idOrName));
        await LayerWriter.WriteAsync(rootfs.Path, output, null, ct);
    }

    /// <summary>The container's filesystem: read-only for reading, its own read-write mount for writing into a stopped one.</summary>
    private RootfsLease Lease(Container c, bool write = false) =>
        RootfsLease.Acquire(snapshots.RootfsOf(c.Id),
            write ? snapshots.ContainerMount(c.Id, ChainOf(c)) : snapshots.ContainerViewMount(c.Id, ChainOf(c)),
            Path.Combine(paths.ExecRoot, "views"));

    private IReadOnlyList<string> ChainOf(Container c) => ChainId.For(images.Resolve(c.ImageId).DiffIds);
}
