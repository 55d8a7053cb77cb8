using System.Diagnostics;
using Berth.Core.Runtime;
using Berth.Linux.Processes;

namespace Berth.Linux.Runc;

/// <summary>
/// An exec started with <c>runc exec --detach --pid-file</c>, as containerd's shim starts one:
/// runc hands the process its own stdio (berthd's pipes) and exits once the process runs;
/// the process is then re-parented to berthd (<see cref="Subreaper"/>), which reaps it. So the
/// exit code arrives when the process exits, not when runc has noticed it, copied the last
/// output through pipes of its own and gone. Without the subreaper, runc stays in the
/// foreground and its exit code is the process's.
/// </summary>
internal sealed class RuncExec : IExecProcess
{
    private readonly Process _runc;
    private readonly string? _pidFile;
    private int _pid;

    public RuncExec(Process runc, string? pidFile)
    {
        _runc = runc;
        _pidFile = pidFile;
        Exited = WaitAsync();
    }

    public Stream Stdin => _runc.StandardInput.BaseStream;

    public Stream Stdout => _runc.StandardOutput.BaseStream;

    public Stream Stderr => _runc.StandardError.BaseStream;

    public Task<int> Exited { get; }

    private async Task<int> WaitAsync()
    {
        await _runc.WaitForExitAsync();
        if (_pidFile is null || _runc.ExitCode != 0)
            return _runc.ExitCode; // 255: runc could not start the process, its log says why
        try
        {
            _pid = int.Parse(File.ReadAllText(_pidFile)); // a few bytes: no hop to the thread pool for them
        }
        finally
        {
            File.Delete(_pidFile);
        }
        return await Subreaper.WaitAsync(_pid);
    }

    public void Kill()
    {
        if (_pid > 0 && !Exited.IsCompleted) // once reaped, the pid may be another process's
            Signals.Send(_pid, Signals.SIGKILL);
        else if (!_runc.HasExited)
            _runc.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        // Dispose leaves pipes read as streams open until a finalizer runs.
        ToolRunner.ClosePipes(_runc);
        _runc.Dispose();
    }
}
