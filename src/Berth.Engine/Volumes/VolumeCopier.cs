using Berth.Linux.Files;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's copy-up: the first mount of an empty volume receives what the image has at the
/// mount's path, with owners, modes and symlinks kept, and the directory's own owner and mode
/// given to the volume. The path is resolved inside the container's root (symlinks in the
/// image never lead out of it), and the copy never follows a symlink.
/// </summary>
public static class VolumeCopier
{
    private const int MaxSymlinks = 40;

    /// <summary>Copies when <paramref name="volumeDir"/> is empty and the image has a directory at <paramref name="containerPath"/>.</summary>
    public static void CopyIfEmpty(string rootfs, string containerPath, string volumeDir)
    {
        if (!Directory.Exists(volumeDir) || Directory.EnumerateFileSystemEntries(volumeDir).Any())
            return;
        string? source = ResolveInRoot(rootfs, containerPath);
        if (source is null || FileSystem.TryLStat(source) is not { Kind: FileKind.Directory } top)
            return;
        CopyChildren(source, volumeDir);
        Apply(volumeDir, top);
    }

    /// <summary>
    /// The host path of <paramref name="path"/> inside <paramref name="root"/>, with every symlink
    /// resolved as the container would see it (absolute targets from the root, <c>..</c> stopping
    /// at it); null when a component is missing.
    /// </summary>
    public static string? ResolveInRoot(string root, string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        int links = 0;
        while (pending.TryPop(out string? part))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            string candidate = Path.Combine(root, string.Join('/', resolved.Append(part)));
            var status = FileSystem.TryLStat(candidate);
            if (status is null)
                return null;
            if (status.Kind != FileKind.Symlink)
            {
                resolved.Add(part);
                continue;
            }
            if (++links > MaxSymlinks)
                return null;
            string target = new FileInfo(candidate).LinkTarget ?? "";
            if (target.StartsWith('/'))
                resolved.Clear();
            foreach (string t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(t);
        }
        return resolved.Count == 0 ? root : Path.Combine(root, string.Join('/', resolved));
    }

    private static void CopyChildren(string from, string to)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(from))
        {
            string dest = Path.Combine(to, Path.GetFileName(entry));
            var status = FileSystem.TryLStat(entry);
            switch (status?.Kind)
            {
                case FileKind.Directory:
                    Directory.CreateDirectory(dest);
                    CopyChildren(entry, dest);
                    break;
                case FileKind.Regular:
                    File.Copy(entry, dest);
                    break;
                case FileKind.Symlink:
                    File.CreateSymbolicLink(dest, new FileInfo(entry).LinkTarget ?? "");
                    break;
                case FileKind.Fifo:
                    FileSystem.MakeNode(dest, FileSystem.NodeKind.Fifo, status.Permissions, 0, 0);
                    break;
                case FileKind.CharDevice when !status.IsWhiteout:
                    FileSystem.MakeNode(dest, FileSystem.NodeKind.Char, status.Permissions, status.RDevMajor, status.RDevMinor);
                    break;
                case FileKind.BlockDevice:
                    FileSystem.MakeNode(dest, FileSystem.NodeKind.Block, status.Permissions, status.RDevMajor, status.RDevMinor);
                    break;
                default:
                    continue; // sockets, whiteouts, entries gone meanwhile
            }
            Apply(dest, status);
        }
    }

    /// <summary>Owner, then mode (chown clears setuid bits), then the modification time; a symlink gets only its owner.</summary>
    private static void Apply(string path, FileStatus status)
    {
        FileSystem.LChown(path, status.Uid, status.Gid);
        if (status.Kind == FileKind.Symlink)
            return;
        File.SetUnixFileMode(path, (UnixFileMode)(status.Permissions & 0xfff));
        FileSystem.LUtimes(path, status.Modified, status.Modified);
    }
}
