using Berth.Core.Errors;
using Berth.Linux.Interop;

namespace Berth.Linux.Networking;

/// <summary>
/// The listening sockets systemd hands over (sd_listen_fds(3)): <c>LISTEN_FDS</c> descriptors
/// from fd 3 on, meant for us only if <c>LISTEN_PID</c> is our PID. The variables are removed
/// and the descriptors made close-on-exec once taken, so runc and conmon never inherit them.
/// </summary>
public static class SocketActivation
{
    private const int FirstFd = 3;
    private const int FD_CLOEXEC = 1;

    /// <summary>The activated descriptors for <c>fd://</c> (all) or <c>fd://N</c> (the one numbered N).</summary>
    public static IReadOnlyList<int> Take(string address)
    {
        string which = address["fd://".Length..];
        bool ours = Environment.GetEnvironmentVariable("LISTEN_PID") == Environment.ProcessId.ToString()
            && int.TryParse(Environment.GetEnvironmentVariable("LISTEN_FDS"), out _);
        int count = ours ? int.Parse(Environment.GetEnvironmentVariable("LISTEN_FDS")!) : 0;
        Environment.SetEnvironmentVariable("LISTEN_PID", null);
        Environment.SetEnvironmentVariable("LISTEN_FDS", null);
        Environment.SetEnvironmentVariable("LISTEN_FDNAMES", null);
        if (count <= 0)
            throw BerthException.Invalid("no sockets found via socket activation: make sure the service was started by systemd");
        var fds = Enumerable.Range(FirstFd, count).ToList();
        foreach (int fd in fds)
            if (Libc.Fcntl(fd, Libc.F_SETFD, FD_CLOEXEC) != 0)
                throw Errno.Exception("fcntl", "fd " + fd);
        if (which.Length == 0)
            return fds;
        if (!int.TryParse(which, out int wanted))
            throw BerthException.Invalid($"failed to parse systemd fd address: should be a number: {which}");
        if (!fds.Contains(wanted))
            throw BerthException.Invalid($"too few socket activated files passed in by systemd");
        return [wanted];
    }
}
