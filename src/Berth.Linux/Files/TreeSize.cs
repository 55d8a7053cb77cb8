namespace Berth.Linux.Files;

/// <summary>
/// The bytes a directory tree holds, counted as dockerd counts a layer's or a container's
/// size: every entry but directories by its lstat size (a symlink by its target's length),
/// a file with several links once, nothing followed out of the tree.
/// </summary>
public static class TreeSize
{
    public static long Of(string directory)
    {
        var seen = new HashSet<(ulong Device, ulong Inode)>();
        long size = 0;
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.TryPop(out string? dir))
        {
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(dir);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException)
            {
                continue; // removed while we walked: it holds nothing now
            }
            foreach (string path in entries)
            {
                if (FileSystem.TryLStat(path) is not { } status)
                    continue;
                if (status.Kind == FileKind.Directory)
                    pending.Push(path);
                else if (status.Links <= 1 || seen.Add((status.Device, status.Inode)))
                    size += status.Size;
            }
        }
        return size;
    }
}
