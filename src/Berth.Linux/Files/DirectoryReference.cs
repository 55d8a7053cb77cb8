using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// An O_PATH handle on a directory, named through <c>/proc/self/fd/N</c>: a short path to
/// files in a deep directory. Unix socket paths are limited to 108 bytes, and a container
/// bundle's path can be longer (conmon names its own attach socket the same way).
/// The paths handed out name the fd by number, so the handle stays pinned
/// (<c>DangerousAddRef</c>) from construction to <see cref="Dispose"/>: the fd is not closed,
/// and its number not reused, while a path to it may still be in use.
/// </summary>
public sealed class DirectoryReference : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly int _fd;
    private int _disposed;

    public DirectoryReference(string directory)
    {
        int fd = Libc.Open(directory, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (fd < 0)
            throw Errno.Exception("open", directory);
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        bool added = false;
        _handle.DangerousAddRef(ref added);
        _fd = fd;
    }

    /// <summary>A path to <paramref name="name"/> inside the directory, valid until <see cref="Dispose"/>.</summary>
    public string PathOf(string name)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return $"/proc/self/fd/{_fd}/{name}";
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _handle.DangerousRelease();
        _handle.Dispose();
    }
}
