using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Terminals;

/// <summary>
/// The master side of a process's pseudo-terminal, which berthd holds (runc made it and sent
/// it over a <see cref="ConsoleSocket"/>): the process reads what is written to
/// <see cref="Stream"/> and its output is read from it. A read fails with EIO (an
/// <see cref="IOException"/>) once no process holds the slave side any more.
/// </summary>
public sealed class Terminal : IDisposable
{
    private readonly SafeFileHandle _master;

    private Terminal(SafeFileHandle master)
    {
        _master = master;
        // Reads and writes on a pty block; a synchronous stream runs them on the thread pool.
        Stream = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0, isAsync: false);
    }

    public Stream Stream { get; }

    public static Terminal FromMaster(SafeFileHandle master) => new(master);

    /// <summary>Sets the terminal's size; the kernel tells the process's foreground group (SIGWINCH).</summary>
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
    }
}
