using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

/// <summary>termios calls for the CLI's own terminal; the struct stays opaque (glibc fills and edits it).</summary>
internal static partial class Libc
{
    internal const ulong TIOCGWINSZ = 0x5413;
    internal const int TCSANOW = 0;

    /// <summary>sizeof(struct termios) on Linux is 60; a larger buffer leaves room.</summary>
    internal const int TermiosSize = 64;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlGetWinSize(int fd, ulong request, out WinSize size);

    [LibraryImport("libc", EntryPoint = "isatty")]
    internal static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    internal static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    internal static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    internal static unsafe partial void CfMakeRaw(byte* termios);
}
