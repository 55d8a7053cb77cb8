using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int LStat(string path, byte* buffer);

    /// <summary>Two <c>struct timespec</c> (atime, mtime); relative to the working directory.</summary>
    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int UtimensAt(int dirfd, string path, long* times, int flags);

    /// <summary>statx(2) into a 256-byte <c>struct statx</c>.</summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    internal const int StatxSize = 256;
    internal const int StatxAttributesOffset = 8;
    internal const int StatxAttributesMaskOffset = 56;
    internal const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;

    // struct stat on x86_64, beyond the offsets in Libc.Files.cs.
    internal const int StatDevOffset = 0;
    internal const int StatInoOffset = 8;
    internal const int StatNLinkOffset = 16;
    internal const int StatSizeOffset = 48;
    internal const int StatMTimeOffset = 88;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFLNK = 0xa000;
    internal const uint S_IFSOCK = 0xc000;
}
