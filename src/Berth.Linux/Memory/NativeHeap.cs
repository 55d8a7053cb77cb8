using Berth.Linux.Interop;

namespace Berth.Linux.Memory;

/// <summary>
/// The C heap under the runtime (SQLite's pages and statements, OpenSSL, the runtime's own
/// allocations). glibc keeps what a burst freed in its arenas; an idle daemon hands it back.
/// </summary>
public static class NativeHeap
{
    /// <summary>Gives the free pages of every malloc arena back to the system; false if there were none.</summary>
    public static bool Trim() => Libc.MallocTrim(0) != 0;
}
