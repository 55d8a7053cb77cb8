using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Processes;

/// <summary>An anonymous pipe whose ends are close-on-exec; a spawned child gets an end by dup2.</summary>
public sealed class Pipe : IDisposable
{
    private Pipe(SafeFileHandle read, SafeFileHandle write)
    {
        Read = read;
        Write = write;
    }

    public SafeFileHandle Read { get; }
    public SafeFileHandle Write { get; }

    public static unsafe Pipe Create()
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.O_CLOEXEC) != 0)
            throw Errno.Exception("pipe2", null);
        return new Pipe(new SafeFileHandle(fds[0], ownsHandle: true), new SafeFileHandle(fds[1], ownsHandle: true));
    }

    public void Dispose()
    {
        Read.Dispose();
        Write.Dispose();
    }
}
