using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux.Namespaces;

/// <summary>
/// Persistent network namespaces, as <c>ip netns add</c> makes them: a fresh namespace kept
/// alive by a bind mount of its nsfs file onto a regular file, so CNI plugins and runc can join
/// it by path before any process lives in it.
/// </summary>
public static class NetworkNamespace
{
    /// <summary>Creates a namespace pinned at <paramref name="path"/> (which must not exist yet).</summary>
    public static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (File.Create(path)) { }
        Exception? failure = null;
        // unshare(CLONE_NEWNET) moves only the calling thread; a thread of our own does it, so a
        // pool thread never ends up in the wrong namespace, even if switching back fails.
        var thread = new Thread(() =>
        {
            try
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
                if (Libc.Unshare(Libc.CLONE_NEWNET) != 0)
                    throw Errno.Exception("unshare(CLONE_NEWNET)", null);
                if (Libc.Mount("/proc/thread-self/ns/net", path, null, Libc.MS_BIND, null) != 0)
                    throw Errno.Exception("mount --bind", path);
                Join(original);
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            File.Delete(path);
            throw failure;
        }
    }

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

    private static void Join(SafeFileHandle ns)
    {
        if (Libc.Setns(ns, Libc.CLONE_NEWNET) != 0)
            throw Errno.Exception("setns", null);
    }
}
