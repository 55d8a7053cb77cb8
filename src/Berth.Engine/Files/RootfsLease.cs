using Berth.Linux.Mounts;

namespace Berth.Engine.Files;

/// <summary>
/// A container's whole filesystem at <see cref="Path"/> for as long as the lease is held: the
/// running container's own rootfs, or a read-only view of a stopped one's, mounted in a
/// directory of its own and unmounted and removed on dispose. Volumes and binds are mounted
/// only in the container's mount namespace, so neither shows here (as Docker's export leaves
/// them out).
/// </summary>
public sealed class RootfsLease : IDisposable
{
    private readonly bool _owned;

    private RootfsLease(string path, bool owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    /// <summary>
    /// The lease mounted the filesystem itself: the container is not running, so no process of
    /// its has any of these files open.
    /// </summary>
    public bool Private => _owned;

    /// <summary>The live rootfs when it is mounted, else <paramref name="view"/> mounted under <paramref name="viewsDir"/>.</summary>
    public static RootfsLease Acquire(string rootfs, Core.Mounts.Mount view, string viewsDir)
    {
        if (Mounter.IsMounted(rootfs))
            return new RootfsLease(rootfs, owned: false);
        string target = System.IO.Path.Combine(viewsDir, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(target);
        try
        {
            Mounter.MountAt(view, target);
        }
        catch
        {
            Directory.Delete(target);
            throw;
        }
        return new RootfsLease(target, owned: true);
    }

    /// <summary>Unmounts and removes what a daemon killed in the middle of a lease left in <paramref name="viewsDir"/>.</summary>
    public static void CleanStale(string viewsDir)
    {
        if (!Directory.Exists(viewsDir))
            return;
        foreach (string stale in Directory.EnumerateDirectories(viewsDir))
        {
            Mounter.Unmount(stale);
            Directory.Delete(stale);
        }
    }

    public void Dispose()
    {
        if (!_owned)
            return;
        Mounter.Unmount(Path);
        Directory.Delete(Path);
    }
}
