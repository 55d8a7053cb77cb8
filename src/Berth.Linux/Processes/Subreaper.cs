using System.Runtime.InteropServices;
using Berth.Linux.Interop;

namespace Berth.Linux.Processes;

/// <summary>
/// berthd as the child subreaper of what it starts, as containerd's shim is: a process whose
/// parent (a tool berthd started) exits becomes berthd's child instead of init's, so its exit
/// status comes here. That lets <c>runc exec --detach</c> return as soon as the process runs,
/// and conmon's monitor (conmon forks it and exits) is reaped here when it ends.
/// <para>
/// Only processes handed to <see cref="WaitAsync"/> are ever waited for, each by its pid:
/// the CLR reaps the children it started with <see cref="System.Diagnostics.Process"/> by
/// theirs (and fails fast if someone else took one), so a <c>waitpid(-1)</c> here would race
/// it. A SIGCHLD, an adoption and a slow timer (a safety net) each sweep the adopted pids.
/// </para>
/// <code>
/// berthd (subreaper)        runc exec --detach          process
///   |-- spawn ----------------->|-- runc init ... exec ---->|
///   |<-- exit 0, pid file ------|                           |
///   |   (process is re-parented to berthd)                  |
///   |<-- SIGCHLD ---------------------------------- exits --|
///   |-- waitpid(pid) --> its status
/// </code>
/// </summary>
public static class Subreaper
{
    private static readonly Dictionary<int, TaskCompletionSource<int>> s_adopted = [];
    private static PosixSignalRegistration? s_sigchld;
    private static Timer? s_safetyNet;

    /// <summary>Whether orphans of berthd's children come to berthd (<see cref="Enable"/> succeeded).</summary>
    public static bool IsEnabled { get; private set; }

    /// <summary>Makes berthd the subreaper; false when the kernel refuses (the caller keeps foreground waits).</summary>
    public static bool Enable()
    {
        if (IsEnabled)
            return true;
        if (Libc.Prctl(Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
            return false;
        s_sigchld = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => Sweep());
        s_safetyNet = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        IsEnabled = true;
        return true;
    }

    /// <summary>
    /// Reaps <paramref name="pid"/>, a process re-parented to berthd (its parent has exited)
    /// or one berthd spawned itself through <see cref="Spawner"/>, once it exits; its exit code, 128 + signal when killed, or -1 when it is not berthd's
    /// child. The pid must not be one the CLR started: only a process berthd did not start
    /// itself is adopted, and only while it cannot have been reaped (so its pid not reused).
    /// </summary>
    public static Task<int> WaitAsync(int pid)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (s_adopted)
        {
            if (s_adopted.TryGetValue(pid, out var existing))
                return existing.Task;
            s_adopted[pid] = exited;
        }
        Sweep();
        return exited.Task;
    }

    private static void Sweep()
    {
        lock (s_adopted)
        {
            List<int>? done = null;
            foreach (var (pid, exited) in s_adopted)
            {
                int rc;
                int status;
                do rc = Libc.WaitPid(pid, out status, Libc.WNOHANG);
                while (rc < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
                if (rc == 0)
                    continue; // still running
                exited.SetResult(rc == pid ? Spawner.ExitCodeOf(status) : -1);
                (done ??= []).Add(pid);
            }
            foreach (int pid in done ?? [])
                s_adopted.Remove(pid);
        }
    }
}
