using System.Runtime.InteropServices;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux.Interop;

namespace Berth.Linux.Processes;

/// <summary>
/// Starts a long-lived helper (conmon) with posix_spawn: stdio on /dev/null, chosen fds
/// passed at fixed numbers, every signal back to its default disposition (the CLR ignores
/// SIGPIPE, and an ignored signal would otherwise leak through exec into containers), in a
/// session of its own so it outlives the daemon. <see cref="System.Diagnostics.Process"/>
/// can do none of that, and forking a .NET process is never safe.
/// </summary>
public static class Spawner
{
    /// <param name="inherit">
    /// pairs (handle in this process, fd number in the child). Each handle is pinned
    /// (<c>DangerousAddRef</c>) until posix_spawn has returned, when the child has its copy:
    /// a concurrent Dispose cannot close the fd, or let its number be reused, in between.
    /// </param>
    public static unsafe int Spawn(string path, IReadOnlyList<string> argv, IReadOnlyList<string> env,
        IReadOnlyList<(SafeHandle From, int To)> inherit)
    {
        byte* actions = stackalloc byte[Libc.SpawnFileActionsSize];
        byte* attr = stackalloc byte[Libc.SpawnAttrSize];
        byte* sigs = stackalloc byte[Libc.SigSetSize];
        Libc.SpawnFileActionsInit(actions);
        Libc.SpawnAttrInit(attr);
        var strings = new List<IntPtr>();
        var pinned = new List<SafeHandle>();
        try
        {
            Libc.SpawnFileActionsAddOpen(actions, 0, "/dev/null", Libc.O_RDONLY, 0);
            Libc.SpawnFileActionsAddOpen(actions, 1, "/dev/null", Libc.O_WRONLY, 0);
            Libc.SpawnFileActionsAddOpen(actions, 2, "/dev/null", Libc.O_WRONLY, 0);
            foreach (var (from, to) in inherit)
            {
                bool added = false;
                from.DangerousAddRef(ref added);
                if (added)
                    pinned.Add(from);
                Libc.SpawnFileActionsAddDup2(actions, (int)from.DangerousGetHandle(), to);
            }

            Libc.SigFillSet(sigs);
            Libc.SpawnAttrSetSigDefault(attr, sigs);
            Libc.SigEmptySet(sigs);
            Libc.SpawnAttrSetSigMask(attr, sigs);
            Libc.SpawnAttrSetFlags(attr, Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSID);

            byte** args = stackalloc byte*[argv.Count + 1];
            for (int i = 0; i < argv.Count; i++)
                args[i] = Utf8(argv[i], strings);
            args[argv.Count] = null;
            byte** envp = stackalloc byte*[env.Count + 1];
            for (int i = 0; i < env.Count; i++)
                envp[i] = Utf8(env[i], strings);
            envp[env.Count] = null;

            int rc = Libc.PosixSpawn(out int pid, Utf8(path, strings), actions, attr, args, envp);
            if (rc != 0)
                throw new BerthException(ErrorKind.Internal, $"posix_spawn {path}: {Marshal.GetPInvokeErrorMessage(rc)}");
            return pid;
        }
        finally
        {
            Libc.SpawnFileActionsDestroy(actions);
            Libc.SpawnAttrDestroy(attr);
            foreach (IntPtr p in strings)
                Marshal.FreeHGlobal(p);
            foreach (var handle in pinned)
                handle.DangerousRelease();
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> (a child of ours) exits; returns its exit status.</summary>
    public static int WaitExit(int pid)
    {
        while (true)
        {
            int rc = Libc.WaitPid(pid, out int status, 0);
            if (rc == pid)
                return ExitCodeOf(status);
            if (rc < 0 && Marshal.GetLastPInvokeError() != Errno.EINTR)
                return -1;
        }
    }

    /// <summary>A wait status as a shell shows it: the exit code, or 128 + the signal that killed the process.</summary>
    internal static int ExitCodeOf(int status) => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);

    private static unsafe byte* Utf8(string s, List<IntPtr> owned)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)Marshal.AllocHGlobal(n + 1);
        owned.Add((IntPtr)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        p[n] = 0;
        return p;
    }
}
