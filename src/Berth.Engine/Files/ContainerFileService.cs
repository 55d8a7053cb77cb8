using System.IO.Pipelines;
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
public sealed partial class ContainerFileService
{
    private readonly IContainerCatalog _containers;
    private readonly ISnapshotter _snapshots;
    private readonly IImageStore _images;
    private readonly IContainerFreezer _freezer;
    private readonly string _views;

    /// <summary>Built once per daemon, before any lease: views a killed daemon left behind are cleaned then.</summary>
    public ContainerFileService(IContainerCatalog containers, ISnapshotter snapshots, IImageStore images, IContainerFreezer freezer, DaemonPaths paths)
    {
        _freezer = freezer;
        _containers = containers;
        _snapshots = snapshots;
        _images = images;
        _views = Path.Combine(paths.ExecRoot, "views");
        RootfsLease.CleanStale(_views);
    }

    /// <summary>The container's changes to its image, from its writable layer.</summary>
    public IReadOnlyList<FileChange> Changes(string idOrName)
    {
        var c = _containers.Get(idOrName);
        var lowers = ChainOf(c).Reverse().Select(_snapshots.LayerDir).ToList();
        return ChangeWalker.Walk(_snapshots.UpperOf(c.Id), lowers);
    }

    /// <summary>Writes the container's merged filesystem to <paramref name="output"/> as a tar.</summary>
    public async Task ExportAsync(string idOrName, PipeWriter output, CancellationToken ct)
    {
        var c = _containers.Get(idOrName);
        await using var frozen = await FreezeAsync(c, ct);
        using var rootfs = Lease(c);
        await LayerWriter.WriteContentsAsync(rootfs.Path, output, ct);
    }

    /// <summary>The container's filesystem: read-only for reading, its own read-write mount for writing into a stopped one.</summary>
    private RootfsLease Lease(Container c, bool write = false) =>
        RootfsLease.Acquire(_snapshots.RootfsOf(c.Id),
            write ? _snapshots.ContainerMount(c.Id, ChainOf(c)) : _snapshots.ContainerViewMount(c.Id, ChainOf(c)),
            _views);

    /// <summary>
    /// A running container is paused while its files are walked by path from the host side, as
    /// Docker does for cp: otherwise it could swap a directory for a symlink to the host's <c>/</c>
    /// between the walk's lstat and its open (CVE-2018-15664).
    /// </summary>
    private async Task<IAsyncDisposable> FreezeAsync(Container c, CancellationToken ct)
    {
        if (c.State.Status != ContainerStatus.Running)
            return new Thaw(null, c.Id);
        await _freezer.PauseAsync(c.Id, ct);
        return new Thaw(_freezer, c.Id);
    }

    private sealed record Thaw(IContainerFreezer? Freezer, string Id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (Freezer is not null)
                await Freezer.UnpauseAsync(Id, CancellationToken.None);
        }
    }

    private IReadOnlyList<string> ChainOf(Container c) => ChainId.For(_images.Resolve(c.ImageId).DiffIds);
}
