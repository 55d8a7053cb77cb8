namespace Berth.Linux.Files;

/// <summary>What lstat(2) says about a path, in the terms archives need.</summary>
public sealed record FileStatus(
    FileKind Kind, uint Permissions, int Uid, int Gid, ulong Device, ulong Inode, ulong Links,
    long Size, uint RDevMajor, uint RDevMinor, DateTimeOffset Modified)
{
    /// <summary>An overlayfs whiteout: a character device 0/0.</summary>
    public bool IsWhiteout => Kind == FileKind.CharDevice && RDevMajor == 0 && RDevMinor == 0;
}
