using Berth.Linux.Files;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's copy-up: the first mount of an empty volume receives what the image has at the
/// mount's path, with owners, modes and symlinks kept, and the directory's own owner and mode
/// given to the volume. The path is resolved inside the container's root with openat2
/// (<see cref="RootedDirectory"/>: symlinks in the image never lead out of it), and the copy
/// below it never follows a symlink.
/// </summary>
public static class VolumeCopier
{
    /// <summary>Copies when <paramref name="volumeDir"/> is empty and the image has a directory at <paramref name="containerPath"/>.</summary>
    public static void CopyIfEmpty(string rootfs, string containerPath, string volumeDir)
    {
        if (!Directory.Exists(volumeDir) || Directory.EnumerateFileSystemEntries(volumeDir).Any())
            return;
        using var source = RootedDirectory.TryOpen(rootfs, containerPath);
        if (source is null || FileSystem.TryLStat(source.Path + "/.") is not { Kind: FileKind.Directory } top)
            return;
        CopyChildren(source.Path, volumeDir);
        Apply(volumeDir, top);
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
