using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

internal static partial class Libc
{
    /// <summary>Names as NUL-separated strings; with a null buffer, the size needed.</summary>
    [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint LListXattr(string path, byte* list, nuint size);

    [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint LGetXattr(string path, string name, byte* value, nuint size);

    internal const int ENODATA = 61;
    internal const int ERANGE = 34;
    internal const int ENOTSUP = 95;
}
