using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// An O_PATH handle on a directory, named through <c>/proc/self/fd/N</c>: a short path to
/// files in a deep directory. Unix socket paths are limited to 108 bytes, and a container
/// bundle's path can be longer (conmon names its own attach socket the same way).
/// </summary>
public sealed class DirectoryReference : IDisposable
{
    private readonly SafeFileHandle _handle;

    public DirectoryReference(string directory)
    {
        int fd = Libc.Open(directory, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (fd < 0)
            throw Errno.Exception("open", directory);
        _handle = new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>A path to <paramref name="name"/> inside the directory, valid while this object lives.</summary>
    public string PathOf(string name) => $"/proc/self/fd/{_handle.DangerousGetHandle()}/{name}";

    public void Dispose() => _handle.Dispose();
}
