using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Interop;

/// <summary>Calls on an open file's descriptor: no path to resolve again for each.</summary>
internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static unsafe partial nint PWrite(SafeFileHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static unsafe partial nint PRead(SafeFileHandle fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int FTruncate(SafeFileHandle fd, long length);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static partial int FAllocate(SafeFileHandle fd, int mode, long offset, long length);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int FChown(SafeFileHandle fd, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChmod(SafeFileHandle fd, uint mode);

    /// <summary>Two <c>struct timespec</c> (atime, mtime).</summary>
    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    internal static unsafe partial int FUtimens(SafeFileHandle fd, long* times);

    [LibraryImport("libc", EntryPoint = "flistxattr", SetLastError = true)]
    internal static unsafe partial nint FListXattr(SafeFileHandle fd, byte* list, nuint size);

    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int EOPNOTSUPP = 95;
}
