using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Files;

/// <summary>
/// A program copied into a sealed memfd (nothing can write to it again), run through
/// <see cref="Path"/>: what runs in a container's namespaces then is not the host's file,
/// which a process in the container could otherwise reach through <c>/proc/PID/exe</c> and
/// overwrite (CVE-2019-5736). One copy for the daemon's life; each start is a plain execve.
/// </summary>
public sealed class SealedCopy : IDisposable
{
    private readonly SafeFileHandle _memfd;

    private SealedCopy(SafeFileHandle memfd) => _memfd = memfd;

    /// <summary>The copy's path for execve (berthd's fd of it in /proc; close-on-exec, so no child holds it).</summary>
    public string Path => $"/proc/{Environment.ProcessId}/fd/{_memfd.DangerousGetHandle()}";

    public static SealedCopy Of(string program)
    {
        int fd = Libc.MemfdCreate(System.IO.Path.GetFileName(program), Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        if (fd < 0)
            throw new BerthException(ErrorKind.Internal, $"memfd_create: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            RandomAccess.Write(handle, File.ReadAllBytes(program), 0);
            if (Libc.Fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_SEAL | Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE) < 0)
                throw new BerthException(ErrorKind.Internal, $"sealing {program}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return new SealedCopy(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Dispose() => _memfd.Dispose();
}
