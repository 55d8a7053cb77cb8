using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [StructLayout(LayoutKind.Sequential)]
    internal struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlWinSize(SafeHandle fd, ulong request, in WinSize size);

    internal const int O_NOCTTY = 0x100;
}
