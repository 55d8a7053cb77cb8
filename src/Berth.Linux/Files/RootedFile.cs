using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// Reads a small file of a container's filesystem (its /etc/passwd, /etc/group) from the host
/// side, where the container controls what the path is. The path is resolved with
/// <c>openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)</c>, so <c>..</c> and symlinks (absolute
/// or relative) stay inside the root, as they would inside the container. The file is first
/// opened <c>O_PATH</c> and must be a regular file of at most the cap before it is opened for
/// reading (by reopening that very inode): a FIFO, a device or a socket is never opened, so
/// reading cannot block a daemon thread or touch a device, and a huge file is not read.
/// </summary>
public static class RootedFile
{
    /// <summary>The cap on what is read: far above any real passwd or group file.</summary>
    public const int DefaultMaxSize = 1 << 20;

    /// <summary>
    /// The bytes of <paramref name="relative"/> inside <paramref name="root"/>, or null when
    /// nothing is there (ENOENT, ENOTDIR). Throws <see cref="BerthException"/> (InvalidArgument)
    /// when it is not a regular file or larger than <paramref name="maxSize"/>.
    /// </summary>
    public static byte[]? TryReadAll(string root, string relative, int maxSize = DefaultMaxSize)
    {
        using var rootDir = OpenRoot(root);
        var how = new Libc.OpenHow
        {
            Flags = (ulong)(Libc.O_PATH | Libc.O_CLOEXEC),
            Resolve = Libc.RESOLVE_IN_ROOT | Libc.RESOLVE_NO_MAGICLINKS,
        };
        int pathFd = Libc.OpenAt2(rootDir, relative, how);
        if (pathFd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
                return null;
            if (errno == Libc.ELOOP)
                throw BerthException.Invalid($"/{relative}: too many levels of symbolic links, or a link through /proc");
            throw Errno.Exception("openat2", Path.Combine(root, relative));
        }
        using var path = new SafeFileHandle(pathFd, ownsHandle: true);
        var (kind, size) = Status(path, relative);
        if (kind != Libc.S_IFREG)
            throw BerthException.Invalid($"/{relative} is {Describe(kind)}, not a regular file");
        if (size > maxSize)
            throw BerthException.Invalid($"/{relative} is larger than {maxSize} bytes");

        using var file = Reopen(path, relative);
        // The file may grow between fstat and read: never read past the cap.
        byte[] buffer = new byte[Math.Min(size, maxSize) + 1];
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer.AsSpan(total), total);
            if (n == 0)
                break;
            total += n;
        }
        if (total > maxSize)
            throw BerthException.Invalid($"/{relative} is larger than {maxSize} bytes");
        return buffer[..total];
    }

    private static SafeFileHandle OpenRoot(string root)
    {
        int fd = Libc.Open(root, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        return fd < 0 ? throw Errno.Exception("open", root) : new SafeFileHandle(fd, ownsHandle: true);
    }

    private static unsafe (uint Kind, long Size) Status(SafeFileHandle fd, string relative)
    {
        byte* b = stackalloc byte[Libc.StatSize];
        if (Libc.FStat(fd, b) != 0)
            throw Errno.Exception("fstat", "/" + relative);
        return (*(uint*)(b + Libc.StatModeOffset) & Libc.S_IFMT, *(long*)(b + Libc.StatSizeOffset));
    }

    /// <summary>Opens the inode an O_PATH handle holds for reading, without resolving any path again.</summary>
    private static SafeFileHandle Reopen(SafeFileHandle path, string relative)
    {
        bool added = false;
        try
        {
            path.DangerousAddRef(ref added);
            string self = $"/proc/self/fd/{path.DangerousGetHandle()}";
            int fd = Libc.Open(self, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC);
            return fd < 0 ? throw Errno.Exception("open", "/" + relative) : new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            if (added)
                path.DangerousRelease();
        }
    }

    private static string Describe(uint kind) => kind switch
    {
        Libc.S_IFDIR => "a directory",
        Libc.S_IFIFO => "a FIFO",
        Libc.S_IFCHR => "a character device",
        Libc.S_IFBLK => "a block device",
        Libc.S_IFSOCK => "a socket",
        _ => "a special file",
    };
}
