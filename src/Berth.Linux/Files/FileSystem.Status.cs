using System.Runtime.InteropServices;
using Berth.Linux.Interop;

namespace Berth.Linux.Files;

public static partial class FileSystem
{
    /// <summary>lstat(2): the path itself, not what a symlink points to.</summary>
    public static FileStatus LStat(string path) => TryLStat(path) ?? throw Errno.Exception("lstat", path);

    /// <summary>lstat(2), or null when nothing is there (ENOENT, ENOTDIR); other errors throw.</summary>
    public static unsafe FileStatus? TryLStat(string path)
    {
        byte* b = stackalloc byte[Libc.StatSize];
        if (Libc.LStat(path, b) != 0)
            return Marshal.GetLastPInvokeError() is Errno.ENOENT or Errno.ENOTDIR ? null : throw Errno.Exception("lstat", path);
        uint mode = *(uint*)(b + Libc.StatModeOffset);
        ulong rdev = *(ulong*)(b + Libc.StatRdevOffset);
        var kind = (mode & Libc.S_IFMT) switch
        {
            Libc.S_IFREG => FileKind.Regular,
            Libc.S_IFDIR => FileKind.Directory,
            Libc.S_IFLNK => FileKind.Symlink,
            Libc.S_IFCHR => FileKind.CharDevice,
            Libc.S_IFBLK => FileKind.BlockDevice,
            Libc.S_IFIFO => FileKind.Fifo,
            _ => FileKind.Socket,
        };
        long seconds = *(long*)(b + Libc.StatMTimeOffset), nanos = *(long*)(b + Libc.StatMTimeOffset + 8);
        return new FileStatus(kind, mode & 0xfff, *(int*)(b + Libc.StatUidOffset), *(int*)(b + Libc.StatGidOffset),
            *(ulong*)(b + Libc.StatDevOffset), *(ulong*)(b + Libc.StatInoOffset), *(ulong*)(b + Libc.StatNLinkOffset),
            *(long*)(b + Libc.StatSizeOffset), (uint)(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffUL)),
            (uint)((rdev & 0xff) | ((rdev >> 12) & ~0xffUL)),
            DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100));
    }

    /// <summary>Sets access and modification times without following a symlink.</summary>
    public static unsafe void LUtimes(string path, DateTimeOffset accessed, DateTimeOffset modified)
    {
        long* times = stackalloc long[4];
        (times[0], times[1]) = Split(accessed);
        (times[2], times[3]) = Split(modified);
        if (Libc.UtimensAt(Libc.AT_FDCWD, path, times, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Errno.Exception("utimensat", path);
    }

    private static (long Seconds, long Nanos) Split(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTime.UnixEpoch.Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        if (rest < 0)
            (seconds, rest) = (seconds - 1, rest + TimeSpan.TicksPerSecond);
        return (seconds, rest * 100);
    }
}
