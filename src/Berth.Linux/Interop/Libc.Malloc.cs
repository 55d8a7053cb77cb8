using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    /// <summary>glibc: returns free memory at the top of the heap and in every arena to the system.</summary>
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    internal static partial int MallocTrim(nuint pad);
}
