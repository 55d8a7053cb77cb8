using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Terminals;

/// <summary>
/// A pseudo-terminal berthd holds the master side of: the process on the slave side reads
/// what is written to <see cref="Stream"/> and its output is read from it. A read fails with
/// EIO (an <see cref="IOException"/>) once no process holds the slave any more.
/// </summary>
public sealed class Terminal : IDisposable
{
    private readonly SafeFileHandle _master;

    private Terminal(SafeFileHandle master, SafeFileHandle slave)
    {
        _master = master;
        Slave = slave;
        // Reads and writes on a pty block; a synchronous stream runs them on the thread pool.
        Stream = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0, isAsync: false);
    }

    public Stream Stream { get; }

    /// <summary>The slave side, to hand to a child as its stdio; close it here once the child has it.</summary>
    public SafeFileHandle Slave { get; }

    /// <summary>
    /// A new pseudo-terminal of the given size. Both sides are opened close-on-exec (no other
    /// child may keep the slave, or the master never sees the end) and without becoming
    /// berthd's controlling terminal.
    /// </summary>
    public static unsafe Terminal Open(int rows, int columns)
    {
        int master = Libc.PosixOpenPt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (master < 0)
            throw Errno.Exception("posix_openpt", null);
        var masterHandle = new SafeFileHandle(master, ownsHandle: true);
        byte* name = stackalloc byte[128];
        if (Libc.GrantPt(master) != 0 || Libc.UnlockPt(master) != 0 || Libc.PtsNameR(master, name, 128) != 0)
        {
            masterHandle.Dispose();
            throw Errno.Exception("unlockpt", null);
        }
        string path = Marshal.PtrToStringUTF8((nint)name)!;
        int slave = Libc.Open(path, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (slave < 0)
        {
            masterHandle.Dispose();
            throw Errno.Exception("open", path);
        }
        var terminal = new Terminal(masterHandle, new SafeFileHandle(slave, ownsHandle: true));
        if (rows > 0 && columns > 0)
            terminal.Resize(rows, columns);
        return terminal;
    }

    public void Resize(int rows, int columns)
    {
        var size = new Libc.WinSize { Rows = (ushort)rows, Columns = (ushort)columns };
        if (Libc.IoctlWinSize(_master, Libc.TIOCSWINSZ, size) != 0)
            throw new BerthException(ErrorKind.Internal, $"resizing the terminal: errno {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose()
    {
        Stream.Dispose();
        _master.Dispose();
        Slave.Dispose();
    }
}
