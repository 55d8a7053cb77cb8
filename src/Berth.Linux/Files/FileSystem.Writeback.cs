using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

public static partial class FileSystem
{
    /// <summary>
    /// Starts writing a range of a file's dirty pages to disk without waiting (sync_file_range
    /// with SYNC_FILE_RANGE_WRITE): a later fsync then waits only for the rest. Advisory, so a
    /// file system that cannot (EINVAL, ESPIPE) is no error: returns whether it started.
    /// </summary>
    public static bool StartWriteback(SafeFileHandle file, long offset, long count) =>
        Libc.SyncFileRange(file, offset, count, Libc.SYNC_FILE_RANGE_WRITE) == 0;
}
