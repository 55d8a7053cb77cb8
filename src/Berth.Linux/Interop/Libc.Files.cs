using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LChown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MkNod(string path, uint mode, ulong dev);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string target, string path);

    [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LSetXattr(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    internal static partial int SyncFileRange(SafeHandle fd, long offset, long count, uint flags);

    internal const uint SYNC_FILE_RANGE_WRITE = 2;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Stat(string path, byte* buffer);

    internal const int StatSize = 144;
    internal const int StatInodeOffset = 8;
    internal const int StatModeOffset = 24;
    internal const int StatUidOffset = 28;
    internal const int StatGidOffset = 32;
    internal const int StatRdevOffset = 40;
    internal const uint S_IFMT = 0xf000;

    internal const int O_PATH = 0x200000;
    internal const int O_DIRECTORY = 0x10000;

    internal const uint S_IFCHR = 0x2000;
    internal const uint S_IFBLK = 0x6000;
    internal const uint S_IFIFO = 0x1000;
}
