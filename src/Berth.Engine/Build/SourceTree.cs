using Berth.Linux.Files;

namespace Berth.Engine.Build;

/// <summary>
/// The files a COPY reads, as its cache checksum sees them: the build context's index (no disk
/// work) or a directory on disk. Paths are the tree's own: relative for the index, absolute on disk.
/// </summary>
internal interface ISourceTree
{
    /// <summary>Kind and permission bits (<c>&amp; 07777</c>); null when absent.</summary>
    (FileKind Kind, uint Permissions)? Stat(string path);

    /// <summary>The SHA-256 of a regular file's content.</summary>
    byte[] ContentHash(string path);

    string LinkTarget(string path);

    /// <summary>A directory's entries, as paths of this tree, in ordinal order of their names.</summary>
    IEnumerable<string> Children(string path);
}

/// <summary>A directory on disk: an extracted context, or a mounted stage or image.</summary>
internal sealed class DiskTree : ISourceTree
{
    public static readonly DiskTree Instance = new();

    public (FileKind Kind, uint Permissions)? Stat(string path) =>
        FileSystem.TryLStat(path) is { } st ? (st.Kind, st.Permissions & 0xfff) : null;

    public byte[] ContentHash(string path)
    {
        using var file = File.OpenRead(path);
        return System.Security.Cryptography.SHA256.HashData(file);
    }

    public string LinkTarget(string path) => new FileInfo(path).LinkTarget ?? "";

    public IEnumerable<string> Children(string path) => Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal);
}
