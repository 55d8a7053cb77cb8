using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// A directory of a container's filesystem, found from the host side as the container would
/// find it: resolved with <c>openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)</c>, so
/// <c>..</c> and symlinks (absolute or relative) never lead out of the root. Held open
/// (<c>O_PATH</c>) for as long as it is used, and reached through <see cref="Path"/>, its
/// <c>/proc/self/fd</c> link, so nothing resolves the container's path a second time.
/// </summary>
public sealed class RootedDirectory : IDisposable
{
    private readonly SafeFileHandle _handle;
    private bool _added;

    private RootedDirectory(SafeFileHandle handle)
    {
        _handle = handle;
        _handle.DangerousAddRef(ref _added);
        Path = $"/proc/self/fd/{_handle.DangerousGetHandle()}";
    }

    /// <summary>The directory for path-based calls in this process, valid until disposed.</summary>
    public string Path { get; }

    /// <summary>The directory at <paramref name="relative"/> inside <paramref name="root"/>, or null when there is none (or not a directory).</summary>
    public static RootedDirectory? TryOpen(string root, string relative)
    {
        int rootFd = Libc.Open(root, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (rootFd < 0)
            throw Errno.Exception("open", root);
        using var rootDir = new SafeFileHandle(rootFd, ownsHandle: true);
        var how = new Libc.OpenHow
        {
            Flags = (ulong)(Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC),
            Resolve = Libc.RESOLVE_IN_ROOT | Libc.RESOLVE_NO_MAGICLINKS,
        };
        string inside = relative.Trim('/');
        int fd = Libc.OpenAt2(rootDir, inside.Length == 0 ? "." : inside, how);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Errno.ENOENT or Errno.ENOTDIR)
                return null;
            if (errno == Libc.ELOOP)
                throw BerthException.Invalid($"/{relative.TrimStart('/')}: too many levels of symbolic links, or a link through /proc");
            throw Errno.Exception("openat2", System.IO.Path.Combine(root, relative.TrimStart('/')));
        }
        return new RootedDirectory(new SafeFileHandle(fd, ownsHandle: true));
    }

    public void Dispose()
    {
        if (_added)
        {
            _handle.DangerousRelease();
            _added = false;
        }
        _handle.Dispose();
    }
}
