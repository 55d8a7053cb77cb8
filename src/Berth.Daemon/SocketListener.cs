using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Daemon;

/// <summary>
/// The API's listening sockets. Unix sockets are root-only (0660, group <c>berth</c> if it
/// exists). TCP is refused: it needs TLS, which berthd does not serve yet.
/// </summary>
internal static class SocketListener
{
    public static IReadOnlyList<string> Configure(IWebHostBuilder host, IEnumerable<string> addresses)
    {
        var sockets = new List<string>();
        foreach (string address in addresses)
        {
            if (address.StartsWith("unix://", StringComparison.Ordinal))
                sockets.Add(address[7..]);
            else if (address.StartsWith('/'))
                sockets.Add(address);
            else if (address.StartsWith("tcp://", StringComparison.Ordinal))
                throw BerthException.Invalid($"{address}: listening on TCP requires TLS, which berthd does not support yet");
            else
                throw BerthException.Invalid($"{address}: unsupported address; use unix:///path");
        }
        foreach (string socket in sockets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
            if (File.Exists(socket))
                File.Delete(socket); // left by a daemon that did not stop cleanly
        }
        host.UseSockets(o => o.Backlog = ListenBacklog());
        host.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null; // image tarballs
            foreach (string socket in sockets)
                k.ListenUnixSocket(socket, listen => listen.Use(HalfCloseTolerantConnection.Middleware));
        });
        return sockets;
    }

    /// <summary>
    /// The listen backlog: the host's <c>net.core.somaxconn</c>, which caps whatever listen() is
    /// given. With Kestrel's default of 512, a burst of clients (parallel CI jobs, a large
    /// compose up) gets EAGAIN from connect() on the unix socket though the host would queue more.
    /// </summary>
    private static int ListenBacklog()
    {
        const int fallback = 4096; // the kernel's own default since Linux 5.4
        try
        {
            return int.TryParse(File.ReadAllText("/proc/sys/net/core/somaxconn").Trim(), out int max) && max > 0 ? max : fallback;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    public static void Secure(IEnumerable<string> sockets, string? group)
    {
        foreach (string socket in sockets)
        {
            File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            if (group is not null)
                Ownership.TrySetGroup(socket, group);
        }
    }
}
