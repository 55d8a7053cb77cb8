using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    internal const int PR_SET_CHILD_SUBREAPER = 36;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
