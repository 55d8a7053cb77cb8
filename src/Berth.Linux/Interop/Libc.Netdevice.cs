using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    internal const ulong SIOCGIFFLAGS = 0x8913;
    internal const ulong SIOCSIFFLAGS = 0x8914;
    internal const short IFF_UP = 0x1;

    /// <summary><c>struct ifreq</c> (netdevice(7)) as the flag requests use it: the name, then <c>ifr_flags</c> in the 24-byte union.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    internal unsafe struct IfReqFlags
    {
        public fixed byte Name[16];
        public short Flags;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlIfReq(SafeHandle fd, ulong request, ref IfReqFlags ifreq);
}
