using System.Diagnostics;
using System.Globalization;
using Berth.Core.Runtime;
using Berth.Linux.Files;
using Berth.Linux.Processes;

namespace Berth.Linux.Runc;

/// <summary>
/// The exec helper (<c>berth-exec</c>, built from <c>native/exec/</c> and installed next to
/// berthd): starts an exec's process in a running runc container the way <c>runc exec
/// --detach</c> does (namespaces, cgroups, seccomp, capabilities, user, rlimits, terminal),
/// without runc's Go start-up and per-exec seccomp compilation. Its command line mirrors
/// runc's: errors as runc's JSON log lines, exit 255 when the process could not start, the
/// pid file once it runs; the process is then re-parented to berthd (<see cref="Subreaper"/>).
/// </summary>
/// <param name="sealedHelper">the helper, run from a sealed copy (see <see cref="SealedCopy"/>).</param>
/// <param name="viaRuncSwitch">a file whose presence sends every exec through runc instead (the tests compare the two paths).</param>
public sealed class DirectExec(SealedCopy sealedHelper, string viaRuncSwitch)
{
    // Held for the daemon's life: the memfd closes with it.
    private readonly SealedCopy _helper = sealedHelper;

    private string Helper => _helper.Path;

    /// <summary>Whether execs go through runc for now (<c>viaRuncSwitch</c> exists).</summary>
    public bool Bypassed => File.Exists(viaRuncSwitch);

    /// <summary>
    /// Writes the seccomp filter the container's init runs under (the one runc compiled from
    /// the container's profile) to <paramref name="file"/>; false when it cannot be read
    /// (ptrace refused, more than one filter), and the caller uses runc.
    /// </summary>
    public bool TryDumpSeccomp(int initPid, string file)
    {
        var info = new ProcessStartInfo(Helper) { UseShellExecute = false, RedirectStandardError = true };
        foreach (string a in (string[])["--dump-seccomp", initPid.ToString(CultureInfo.InvariantCulture), file])
            info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + Helper);
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    public IExecProcess Start(DirectExecOptions o, string runtimeLog, string pidFile, string? consoleSocket)
    {
        var info = new ProcessStartInfo(Helper)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in Arguments(o, runtimeLog, pidFile, consoleSocket))
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + Helper);
        return new RuncExec(process, pidFile);
    }

    internal static List<string> Arguments(DirectExecOptions o, string runtimeLog, string pidFile, string? consoleSocket)
    {
        var inv = CultureInfo.InvariantCulture;
        var a = new List<string> { "--log", runtimeLog, "--pid-file", pidFile, "--init", o.InitPid.ToString(inv) };
        if (consoleSocket is not null)
            a.AddRange(["--console-socket", consoleSocket]);
        if (o.ConsoleSize is var (rows, columns))
            a.AddRange(["--console-size", $"{rows}x{columns}"]);
        foreach (string cgroup in o.Cgroups)
            a.AddRange(["--cgroup", cgroup]);
        if (o.SeccompFile is not null)
            a.AddRange(["--seccomp", o.SeccompFile]);
        if (o.SessionKeyring is not null)
            a.AddRange(["--keyring", o.SessionKeyring]);
        if (o.OomScoreAdj is int oom)
            a.AddRange(["--oom-score-adj", oom.ToString(inv)]);
        foreach (var (resource, soft, hard) in o.Rlimits)
            a.AddRange(["--rlimit", string.Create(inv, $"{resource},{soft},{hard}")]);
        if (o.NoNewPrivileges)
            a.Add("--no-new-privs");
        if (o.Capabilities is var (bounding, effective, permitted, inheritable, ambient))
            a.AddRange(["--caps", $"{bounding:x},{effective:x},{permitted:x},{inheritable:x},{ambient:x}"]);
        a.AddRange(["--uid", o.Uid.ToString(inv), "--gid", o.Gid.ToString(inv)]);
        foreach (uint g in o.AdditionalGids)
            a.AddRange(["--group", g.ToString(inv)]);
        if (o.Cwd is not null)
            a.AddRange(["--cwd", o.Cwd]);
        if (o.Umask is uint umask)
            a.AddRange(["--umask", Convert.ToString(umask, 8)]);
        foreach (string e in o.Env)
            a.AddRange(["--env", e]);
        a.Add("--");
        a.AddRange(o.Args);
        return a;
    }
}
