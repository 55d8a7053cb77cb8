using System.Runtime.InteropServices;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// Files read and written through their descriptor, for archives: one open, then the data
/// and the metadata on the fd, with none of the per-file <c>flock</c>, <c>fstat</c> and
/// <c>lseek</c> calls <see cref="File.OpenHandle"/> and <see cref="RandomAccess"/> make, and no
/// path resolved again for owner, mode and times.
/// </summary>
public static partial class FileSystem
{
    /// <summary>
    /// Creates a file that must not exist yet (<c>O_EXCL</c>, not through a symlink), open for
    /// writing, with <paramref name="reserve"/> bytes allocated when not 0. Its mode is 0600
    /// until the caller sets the real one.
    /// </summary>
    public static SafeFileHandle CreateNew(string path, long reserve)
    {
        int fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0x180);
        if (fd < 0)
            throw Errno.Exception("open", path);
        var file = new SafeFileHandle(fd, ownsHandle: true);
        if (reserve > 0 && Libc.FAllocate(file, 0, 0, reserve) != 0 && Marshal.GetLastPInvokeError() != Libc.EOPNOTSUPP)
        {
            var error = Errno.Exception("fallocate", path);
            file.Dispose();
            throw error;
        }
        return file;
    }

    /// <summary>
    /// An existing file opened to be written over in place, its size set to
    /// <paramref name="length"/> first, or null when it is not one a new file could stand for:
    /// not a regular file (never opened blocking: a FIFO fails), a symlink, linked under another
    /// name too, carrying xattrs of its own (a new file would have none), or busy
    /// (<c>ETXTBSY</c>). The caller then writes all <paramref name="length"/> bytes. Setting the
    /// size, rather than emptying the file, keeps the blocks the new content reuses: no blocks
    /// freed and allocated again, and no writeback forced at close (ext4 starts one for a file
    /// truncated to 0 and written again). Rewriting keeps the inode, so it is only for files no
    /// process has open: a process that mapped the old content would see it change.
    /// </summary>
    public static unsafe SafeFileHandle? TryOpenToRewrite(string path, long length)
    {
        int fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
            return null;
        var file = new SafeFileHandle(fd, ownsHandle: true);
        byte* b = stackalloc byte[Libc.StatSize];
        if (Libc.FStat(file, b) == 0
            && (*(uint*)(b + Libc.StatModeOffset) & Libc.S_IFMT) == Libc.S_IFREG
            && *(ulong*)(b + Libc.StatNLinkOffset) == 1
            && Libc.FListXattr(file, null, 0) == 0
            && Libc.FTruncate(file, length) == 0)
            return file;
        file.Dispose();
        return null;
    }

    /// <summary>Opens a file to read, not through a symlink (<c>ELOOP</c> then).</summary>
    public static SafeFileHandle OpenToRead(string path)
    {
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Errno.Exception("open", path);
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length at <paramref name="offset"/>; 0 at the end of the file.</summary>
    public static unsafe int ReadAt(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = Libc.PRead(file, p, (nuint)buffer.Length, offset);
                if (n >= 0)
                    return (int)n;
                if (Marshal.GetLastPInvokeError() != Errno.EINTR)
                    throw Errno.Exception("pread", null);
            }
        }
    }

    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    public static unsafe void WriteAt(SafeFileHandle file, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* p = data)
        {
            for (int done = 0; done < data.Length;)
            {
                nint n = Libc.PWrite(file, p + done, (nuint)(data.Length - done), offset + done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                        continue;
                    throw Errno.Exception("pwrite", null);
                }
                done += (int)n;
            }
        }
    }

    public static void SetOwner(SafeFileHandle file, int uid, int gid)
    {
        if (Libc.FChown(file, uid, gid) != 0)
            throw Errno.Exception("fchown", null);
    }

    public static void SetMode(SafeFileHandle file, uint mode)
    {
        if (Libc.FChmod(file, mode & 0xfff) != 0)
            throw Errno.Exception("fchmod", null);
    }

    public static unsafe void SetTimes(SafeFileHandle file, DateTimeOffset accessed, DateTimeOffset modified)
    {
        long* times = stackalloc long[4];
        (times[0], times[1]) = Split(accessed);
        (times[2], times[3]) = Split(modified);
        if (Libc.FUtimens(file, times) != 0)
            throw Errno.Exception("futimens", null);
    }
}
