using Berth.Linux.Interop;
using Berth.Linux.Networking;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Namespaces;

/// <summary>
/// Persistent network namespaces, as <c>ip netns add</c> makes them: a fresh namespace kept
/// alive by a bind mount of its nsfs file onto a regular file, so CNI plugins and runc can join
/// it by path before any process lives in it. Its <c>lo</c> is up from the start (what the
/// loopback CNI plugin would do, without starting it).
/// </summary>
public static class NetworkNamespace
{
    /// <summary>
    /// Creates a namespace pinned at <paramref name="path"/> (which must not exist yet); returns
    /// a netlink socket opened inside it, so the interfaces put in it next are configured
    /// without entering it again. IPv6 duplicate address detection is off for the interfaces
    /// made in it: a hairpin bridge port echoes a probe back, which DAD takes for a duplicate.
    /// </summary>
    public static RouteSocket Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (File.Create(path)) { }
        try
        {
            return OnOwnThread(() =>
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
                if (Libc.Unshare(Libc.CLONE_NEWNET) != 0)
                    throw Errno.Exception("unshare(CLONE_NEWNET)", null);
                if (Libc.Mount("/proc/thread-self/ns/net", path, null, Libc.MS_BIND, null) != 0)
                    throw Errno.Exception("mount --bind", path);
                LoopbackUp();
                BridgeDevice.TrySysctl("net/ipv6/conf/default/accept_dad", "0");
                var inside = RouteSocket.Open();
                try
                {
                    Join(original);
                }
                catch
                {
                    inside.Dispose();
                    throw;
                }
                return inside;
            });
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> inside the namespace pinned at <paramref name="path"/>:
    /// what it opens there (a netlink socket, a <c>/proc/sys/net</c> file) belongs to that
    /// namespace. The thread that runs it is one of <see cref="NamespaceThreads"/>.
    /// </summary>
    public static T Run<T>(string path, Func<T> action) => OnOwnThread(() =>
    {
        using var original = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
        using (var target = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
            Join(target);
        try
        {
            return action();
        }
        finally
        {
            Join(original);
        }
    });

    /// <summary>setns and unshare move only the calling thread: one of <see cref="NamespaceThreads"/> runs them, never a pool thread.</summary>
    private static T OnOwnThread<T>(Func<T> action) => NamespaceThreads.Run(action);

    /// <summary>Unpins and deletes a namespace file; a missing one is not an error.</summary>
    public static void Remove(string path)
    {
        if (!File.Exists(path))
            return;
        Mounts.Mounter.Unmount(path);
        File.Delete(path);
    }

    /// <summary>True when <paramref name="path"/> is a pinned namespace (a mount point), not a stale file.</summary>
    public static bool IsPinned(string path) => Mounts.Mounter.IsMounted(path);

    /// <summary>Sets <c>lo</c> up in the calling thread's namespace: a socket made here belongs to it.</summary>
    private static unsafe void LoopbackUp()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork,
            System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        var request = new Libc.IfReqFlags();
        request.Name[0] = (byte)'l';
        request.Name[1] = (byte)'o';
        if (Libc.IoctlIfReq(socket.SafeHandle, Libc.SIOCGIFFLAGS, ref request) != 0)
            throw Errno.Exception("ioctl(SIOCGIFFLAGS)", "lo");
        request.Flags |= Libc.IFF_UP;
        if (Libc.IoctlIfReq(socket.SafeHandle, Libc.SIOCSIFFLAGS, ref request) != 0)
            throw Errno.Exception("ioctl(SIOCSIFFLAGS)", "lo");
    }

    private static void Join(SafeFileHandle ns)
    {
        if (Libc.Setns(ns, Libc.CLONE_NEWNET) != 0)
            throw Errno.Exception("setns", null);
    }
}
