using Berth.Linux.Interop;

namespace Berth.Linux.Terminals;

/// <summary>
/// The terminal the CLI runs in (its stdin/stdout), for <c>run -it</c>, <c>exec -it</c> and
/// <c>attach</c>: its size, and raw mode (docker's <c>term.MakeRaw</c>: no echo, no line
/// editing, no signals from keys, no output processing) restored on dispose.
/// </summary>
public sealed class LocalTerminal : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _saved;

    private LocalTerminal(int fd, byte[] saved)
    {
        _fd = fd;
        _saved = saved;
    }

    public static bool IsTerminal(int fd) => Libc.IsATty(fd) == 1;

    /// <summary>Rows and columns of the terminal on <paramref name="fd"/>, or null when it is not one.</summary>
    public static (int Rows, int Columns)? Size(int fd)
        => Libc.IoctlGetWinSize(fd, Libc.TIOCGWINSZ, out var size) == 0 ? (size.Rows, size.Columns) : null;

    /// <summary>Puts the terminal on <paramref name="fd"/> into raw mode; null when it is not a terminal.</summary>
    public static unsafe LocalTerminal? MakeRaw(int fd)
    {
        var saved = new byte[Libc.TermiosSize];
        var raw = new byte[Libc.TermiosSize];
        fixed (byte* s = saved)
        fixed (byte* r = raw)
        {
            if (Libc.TcGetAttr(fd, s) != 0)
            {
                return null;
            }

            saved.CopyTo(raw, 0);
            Libc.CfMakeRaw(r);
            if (Libc.TcSetAttr(fd, Libc.TCSANOW, r) != 0)
            {
                throw Errno.Exception("tcsetattr", null);
            }
        }

        return new LocalTerminal(fd, saved);
    }

    public unsafe void Dispose()
    {
        fixed (byte* s = _saved)
        {
            Libc.TcSetAttr(_fd, Libc.TCSANOW, s);
        }
    }
}
