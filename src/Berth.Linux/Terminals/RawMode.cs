using Berth.Linux.Interop;

namespace Berth.Linux.Terminals;

/// <summary>
/// The user's terminal in raw mode while a client is attached to a container's terminal, as
/// the docker CLI sets it (moby/term <c>MakeRaw</c>, which is <c>cfmakeraw</c>): every key,
/// Ctrl-c and Ctrl-p Ctrl-q included, reaches the container as typed, and nothing is echoed
/// locally. Disposing restores the settings found.
/// </summary>
public sealed class RawMode : IDisposable
{
    private readonly int _fd;
    private readonly Libc.Termios _saved;
    private bool _restored;

    private RawMode(int fd, Libc.Termios saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>Raw mode on <paramref name="fd"/>; null when it is not a terminal.</summary>
    public static RawMode? Enter(int fd)
    {
        if (Libc.TcGetAttr(fd, out var saved) != 0)
            return null;
        var raw = saved;
        Libc.CfMakeRaw(ref raw);
        if (Libc.TcSetAttr(fd, Libc.TCSANOW, raw) != 0)
            throw Errno.Exception("tcsetattr", null);
        return new RawMode(fd, saved);
    }

    public void Dispose()
    {
        if (_restored)
            return;
        _restored = true;
        Libc.TcSetAttr(_fd, Libc.TCSANOW, _saved); // nothing to do if it fails: the terminal has gone
    }
}
