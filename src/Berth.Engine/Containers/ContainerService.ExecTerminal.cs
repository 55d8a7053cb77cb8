using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Engine.Logs;
using Berth.Linux.Terminals;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, ExecTerminal> _execTerminals = new();

    /// <summary>An exec's terminal and the runc relaying to it, once started; the size asked for before that.</summary>
    private sealed class ExecTerminal
    {
        public Terminal? Terminal;
        public int RuncPid;
        public (int Rows, int Columns)? PendingSize;
    }

    /// <summary>
    /// <c>exec -t</c>: berthd opens a pseudo-terminal and starts <c>runc exec</c> on its slave
    /// side; runc makes the process's own terminal and relays to it, so the master's output is
    /// the exec's one raw stream and <paramref name="input"/> is typed into it. A resize sets
    /// the size of berthd's terminal and tells runc (SIGWINCH), which copies it over. runc is
    /// berthd's child and exits with the process's code; its own errors go to its log, not
    /// onto the terminal.
    /// </summary>
    private async Task RunExecInTerminalAsync(Container c, ExecInstance exec, string processFile, string runtimeLog, bool detach,
        Stream? input, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        var slot = _execTerminals[exec.Id] = new ExecTerminal();
        var terminal = exec.ConsoleSize is [var rows0, var columns0] ? Terminal.Open(rows0, columns0) : Terminal.Open(0, 0);
        int pid;
        lock (slot)
        {
            if (slot.PendingSize is var (rows, columns))
                terminal.Resize(rows, columns);
            pid = _runtime.SpawnExecOnTerminal(c.Id, processFile, runtimeLog, terminal.Slave);
            slot.Terminal = terminal;
            slot.RuncPid = pid;
        }
        terminal.Slave.Dispose(); // runc has it; the master sees EOF when runc and the process are gone
        Emit(c, "exec_start: " + string.Join(' ', exec.Cmd), ("execID", exec.Id));
        var exited = Task.Run(() => Berth.Linux.Processes.Spawner.WaitExit(pid), CancellationToken.None);
        try
        {
            if (input is not null && exec.AttachStdin && !detach)
                _ = TypeIntoAsync(input, terminal.Stream);
            // Detached, nobody reads the output, but the master stays open and drained until
            // the process ends: closing it would hang the process up.
            var output = PumpTerminalAsync(terminal.Stream, !detach && (exec.AttachStdout || exec.AttachStderr) ? sink : null, ct);
            int status = await exited;
            await output; // what the process wrote last is still in the master, up to EIO
            var (code, _) = await ExecExitAsync(status, runtimeLog, sink, ct);
            exec.ExitCode = code;
            Emit(c, "exec_die", ("execID", exec.Id), ("exitCode", code.ToString()));
        }
        finally
        {
            _execTerminals.TryRemove(exec.Id, out _);
            terminal.Dispose();
        }
    }

    /// <summary><c>POST /exec/{id}/resize</c>: applied now, or as soon as the terminal exists.</summary>
    public void ResizeExec(string execId, int rows, int columns)
    {
        GetExec(execId);
        if (rows <= 0 || columns <= 0 || !_execTerminals.TryGetValue(execId, out var slot))
            return;
        lock (slot)
        {
            if (slot.Terminal is null)
            {
                slot.PendingSize = (rows, columns);
                return;
            }
            slot.Terminal.Resize(rows, columns);
            Berth.Linux.Processes.Signals.Send(slot.RuncPid, Berth.Linux.Processes.Signals.SIGWINCH);
        }
    }

    private static async Task PumpTerminalAsync(Stream master, Func<LogEntry, ValueTask>? sink, CancellationToken ct)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await master.ReadAsync(buffer, ct)) > 0)
                if (sink is not null)
                    await sink(new LogEntry(DateTime.UtcNow, "", LogStream.Stdout, true, buffer.AsMemory(0, n).ToArray()));
        }
        catch (IOException)
        {
            // EIO: every process holding the terminal's other side has gone.
        }
    }

    private static async Task TypeIntoAsync(Stream input, Stream master)
    {
        try
        {
            await input.CopyToAsync(master);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process ended, or the client went away: nothing more to type.
        }
    }
}
