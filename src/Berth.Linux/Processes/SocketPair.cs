using System.Net.Sockets;
using Berth.Linux.Interop;

namespace Berth.Linux.Processes;

/// <summary>
/// A connected pair of unix stream sockets, both close-on-exec: <see cref="Child"/> goes to a
/// spawned helper by dup2 (it writes to it as to a pipe), <see cref="Parent"/> stays here. A
/// socket rather than a pipe because .NET reads a socket through epoll, while an await on a
/// pipe's <c>FileStream</c> holds a thread-pool thread in a blocking read for as long as the
/// helper takes: with a few containers starting at once, the pool starves.
/// </summary>
public sealed class SocketPair : IDisposable
{
    private SocketPair(Socket parent, SafeSocketHandle child)
    {
        Parent = parent;
        Child = child;
    }

    public Socket Parent { get; }
    public SafeSocketHandle Child { get; }

    public static unsafe SocketPair Create()
    {
        int* fds = stackalloc int[2];
        if (Libc.SocketPair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, fds) != 0)
            throw Errno.Exception("socketpair", null);
        return new SocketPair(new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)), new SafeSocketHandle(fds[1], ownsHandle: true));
    }

    /// <summary>Reads one line (what conmon sends is one JSON object and a newline); null when the peer closed first.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        using var stream = new NetworkStream(Parent, ownsSocket: false);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(ct);
    }

    public void Dispose()
    {
        Parent.Dispose();
        Child.Dispose();
    }
}
