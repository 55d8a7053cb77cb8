using System.IO.Pipelines;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Engine.Runtime;
using Berth.Linux.Files;

namespace Berth.Engine.Files;

/// <summary>
/// The archive API (<c>docker cp</c>). Every path is the container's: its directory part is
/// opened with <see cref="RootedDirectory"/> (openat2, RESOLVE_IN_ROOT), so symlinks and
/// <c>..</c> resolve as they would inside the container and never lead out of its root; the
/// last component is not followed (lstat), as Docker's stat does not. Nothing runs in the
/// container's namespaces. A path in a volume or bind is reached through the mount's host source
/// (<see cref="MountedPath"/>).
/// </summary>
public sealed partial class ContainerFileService
{
    /// <summary><c>HEAD /containers/{id}/archive</c>: what is at <paramref name="path"/>.</summary>
    public PathStat StatPath(string idOrName, string path)
    {
        var c = _containers.Get(idOrName);
        using var rootfs = Lease(c);
        using var found = Find(MountedPath.Of(c, rootfs.Path, path), path, idOrName);
        return found.Stat;
    }

    /// <summary>
    /// <c>GET /containers/{id}/archive</c>: <paramref name="started"/> is given the stat of the path
    /// (for the header, before any byte of the body), then the tar of the path goes to <paramref name="output"/>.
    /// </summary>
    public async Task ArchiveAsync(string idOrName, string path, Action<PathStat> started, PipeWriter output, CancellationToken ct)
    {
        var c = _containers.Get(idOrName);
        await using var frozen = await FreezeAsync(c, ct);
        using var rootfs = Lease(c);
        using var found = Find(MountedPath.Of(c, rootfs.Path, path), path, idOrName);
        started(found.Stat);
        await LayerWriter.WriteTreeAsync(found.FullPath, found.Stat.Name == "/" ? "." : found.Stat.Name, output, ct);
    }

    /// <summary>
    /// <c>PUT /containers/{id}/archive</c>: extracts a tar into the directory at <paramref name="path"/>,
    /// with the engine's hardened extractor. As Docker: what is copied belongs to the container's
    /// root, or with <paramref name="copyUidGid"/> to the container's user; <c>.wh.</c> names are plain files.
    /// </summary>
    public async Task ExtractAsync(string idOrName, string path, Stream tar, bool noOverwriteDirNonDir, bool copyUidGid, CancellationToken ct)
    {
        var c = _containers.Get(idOrName);
        if (c.HostConfig.ReadonlyRootfs)
            throw new BerthException(ErrorKind.Forbidden, "container rootfs is marked read-only");
        await using var frozen = await FreezeAsync(c, ct);
        using var rootfs = Lease(c, write: true);
        var at = MountedPath.Of(c, rootfs.Path, path);
        if (at.Mount is { RW: false })
            throw BerthException.Forbidden("mounted volume is marked read-only");
        using var directory = RootedDirectory.TryOpen(at.Root, at.Relative);
        if (directory is null)
        {
            using var found = Find(at, path, idOrName);
            throw BerthException.Invalid("extraction point is not a directory");
        }
        (int Uid, int Gid) owner = (0, 0);
        if (copyUidGid && c.Config.User.Length > 0)
        {
            var ids = UserResolver.Resolve(rootfs.Path, c.Config.User);
            owner = ((int)ids.Uid, (int)ids.Gid);
        }
        var options = new ExtractOptions
        {
            Whiteouts = false,
            Owner = owner,
            NoOverwriteDirNonDir = noOverwriteDirNonDir,
            // Files of a stopped container's own layer are rewritten in place: nothing can hold
            // them open. A volume or bind may be another container's, or the host's.
            RewriteInPlace = rootfs.Private && at.Mount is null,
        };
        // Straight from the request body: the server's transport already reads the socket ahead of
        // us (up to its request buffer), and a read-ahead pipe of our own on top of it added two
        // thread hops per chunk, which on a loaded machine cost more than the overlap gained.
        await LayerExtractor.ExtractIntoAsync(tar, directory.Path, options, ct);
    }

    /// <summary>The path's parent opened inside the root, and the path itself lstat'ed there.</summary>
    private static Found Find(MountedPath at, string path, string idOrName)
    {
        string root = at.Root, relative = at.Relative;
        int slash = relative.LastIndexOf('/');
        string parentPart = slash < 0 ? "" : relative[..slash], name = relative[(slash + 1)..];
        var parent = RootedDirectory.TryOpen(root, parentPart) ?? throw NotFound(path, idOrName);
        try
        {
            string full = parent.Path + "/" + (name.Length == 0 ? "." : name); // the root: its fd link itself is a symlink
            var status = FileSystem.TryLStat(full) ?? throw NotFound(path, idOrName);
            string link = status.Kind == FileKind.Symlink ? LinkTarget(full, ParentOf(path)) : "";
            return new Found(parent, full, new PathStat(BaseName(path), status.Size, GoMode(status), status.Modified, link));
        }
        catch
        {
            parent.Dispose();
            throw;
        }
    }

    /// <summary>The directory part of the path as given, without slashes at either end.</summary>
    private static string ParentOf(string path)
    {
        string trimmed = path.Trim('/');
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? "" : trimmed[..slash];
    }

    /// <summary>The last component of the path as given, or <c>/</c> for the root.</summary>
    private static string BaseName(string path)
    {
        string trimmed = path.Trim('/');
        return trimmed.Length == 0 ? "/" : trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>A symlink's target as an absolute path inside the container (one level, as the CLI's <c>-L</c> then asks again).</summary>
    private static string LinkTarget(string full, string parentPart)
    {
        string target = new FileInfo(full).LinkTarget ?? "";
        string joined = target.StartsWith('/') ? target : "/" + parentPart + "/" + target;
        var parts = new List<string>();
        foreach (string part in joined.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private static uint GoMode(FileStatus status)
    {
        uint mode = status.Permissions & 0x1ff;
        if ((status.Permissions & 0x800) != 0) mode |= PathStat.GoModeSetuid;
        if ((status.Permissions & 0x400) != 0) mode |= PathStat.GoModeSetgid;
        if ((status.Permissions & 0x200) != 0) mode |= PathStat.GoModeSticky;
        return mode | status.Kind switch
        {
            FileKind.Directory => PathStat.GoModeDir,
            FileKind.Symlink => PathStat.GoModeSymlink,
            FileKind.BlockDevice => PathStat.GoModeDevice,
            FileKind.CharDevice => PathStat.GoModeDevice | PathStat.GoModeCharDevice,
            FileKind.Fifo => PathStat.GoModeNamedPipe,
            FileKind.Socket => PathStat.GoModeSocket,
            _ => 0u,
        };
    }

    private static BerthException NotFound(string path, string idOrName) =>
        new(ErrorKind.NotFound, $"Could not find the file {path} in container {idOrName}");

    /// <summary>A path found in a container, its parent held open while it is used.</summary>
    private sealed record Found(RootedDirectory Parent, string FullPath, PathStat Stat) : IDisposable
    {
        public void Dispose() => Parent.Dispose();
    }
}
