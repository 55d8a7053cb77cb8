using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Linux.Interop;

namespace Berth.Linux.Namespaces;

/// <summary>
/// Threads of berthd's own that may step into another network namespace (setns and unshare
/// move only the calling thread), so a pool thread never does. A thread is kept once its work
/// is done and handed the next work, rather than one thread started per container start: under
/// Native AOT <see cref="Thread.Start()"/> waits for the new thread in a <c>sched_yield</c> loop,
/// which on a busy machine cost more CPU than the namespace work itself. A thread found in
/// another namespace than the daemon's after its work (switching back failed) is not kept.
/// </summary>
internal sealed class NamespaceThreads
{
    /// <summary>Threads kept idle at most; more run only while that many starts overlap.</summary>
    private const int MaxIdle = 4;

    private static readonly ConcurrentBag<NamespaceThreads> s_idle = [];
    private static readonly ulong s_home = NamespaceInode("/proc/self/ns/net");

    private readonly ManualResetEventSlim _go = new(false, spinCount: 0);
    private Action? _work;
    private ManualResetEventSlim? _done;

    private NamespaceThreads() { }

    /// <summary>Runs <paramref name="work"/> on a namespace thread and waits for it; its exception is rethrown here.</summary>
    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        // Not disposed: Set may still be returning on the other thread when Wait has; it holds
        // no kernel handle unless one is asked for.
        var done = new ManualResetEventSlim(false, spinCount: 0);
        Action item = () =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        };
        if (s_idle.TryTake(out var idle))
        {
            (idle._work, idle._done) = (item, done);
            idle._go.Set();
        }
        else
        {
            var fresh = new NamespaceThreads { _work = item, _done = done };
            new Thread(fresh.Loop) { IsBackground = true, Name = "berth netns" }.Start();
        }
        done.Wait();
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }

    private void Loop()
    {
        while (true)
        {
            var (work, done) = (_work!, _done!);
            (_work, _done) = (null, null);
            work();
            // Back in the idle list before the caller hears of the end: its next call finds this thread.
            bool keep = AtHome() && s_idle.Count < MaxIdle;
            if (keep)
                s_idle.Add(this);
            done.Set();
            if (!keep)
                return;
            _go.Wait();
            _go.Reset();
        }
    }

    private static bool AtHome()
    {
        try
        {
            return NamespaceInode("/proc/thread-self/ns/net") == s_home;
        }
        catch (BerthException)
        {
            return false;
        }
    }

    /// <summary>The nsfs inode a namespace link leads to: two threads share a namespace when theirs are equal.</summary>
    private static unsafe ulong NamespaceInode(string link)
    {
        byte* stat = stackalloc byte[Libc.StatSize];
        if (Libc.Stat(link, stat) != 0)
            throw Errno.Exception("stat", link);
        return *(ulong*)(stat + Libc.StatInodeOffset);
    }
}
