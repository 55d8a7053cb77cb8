using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    /// <summary>openat2(2)'s <c>struct open_how</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    internal const long SYS_openat2 = 437;

    /// <summary>openat2(2) through syscall(2): glibc 2.36 has no wrapper. Returns the fd, or -1 with errno.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial long Syscall(long number, SafeFileHandle dirfd, string path, OpenHow* how, nuint size);

    internal static unsafe int OpenAt2(SafeFileHandle dirfd, string path, OpenHow how) =>
        (int)Syscall(SYS_openat2, dirfd, path, &how, (nuint)sizeof(OpenHow));

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    internal static unsafe partial int FStat(SafeFileHandle fd, byte* buffer);

    internal const int O_NONBLOCK = 0x800;

    internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    internal const ulong RESOLVE_IN_ROOT = 0x10;

    internal const int ELOOP = 40;
}
