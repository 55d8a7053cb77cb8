using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Engine.Logs;
using Berth.Linux.Terminals;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, ExecTerminal> _execTerminals = new();

    /// <summary>An exec's terminal once runc has sent it; the size asked for before that.</summary>
    private sealed class ExecTerminal
    {
        public Terminal? Terminal;
        public (int Rows, int Columns)? PendingSize;
    }

    /// <summary>
    /// <c>exec -t</c>: runc makes the process's terminal (sized from the spec) and sends its
    /// master over a console socket; berthd reads the exec's one raw stream from it and types
    /// <paramref name="input"/> into it, and a resize sets its size directly. runc's own errors
    /// go to its log, not onto the terminal.
    /// </summary>
    private async Task RunExecInTerminalAsync(Container c, ExecInstance exec, string processFile, string runtimeLog, bool detach,
        Stream? input, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        var slot = _execTerminals[exec.Id] = new ExecTerminal();
        Terminal? terminal = null;
        try
        {
            using var console = ConsoleSocket.Listen(Path.Combine(_paths.ExecRoot, $"console-{exec.Id[..16]}.sock"));
            using var process = _runtime.StartExec(c.Id, processFile, runtimeLog, console.Path);
            process.Stdin.Close();
            Emit(c, "exec_start: " + string.Join(' ', exec.Cmd), ("execID", exec.Id));
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var receiving = console.ReceiveAsync(abandon.Token);
            // runc connects once the process's terminal exists; when it cannot start the process it exits without.
            await Task.WhenAny(receiving, process.Exited);
            // A process quicker than this accept (the exec helper's can be) has its terminal's
            // master, with all it wrote, already waiting on the socket.
            if (!receiving.IsCompleted)
                await Task.WhenAny(receiving, Task.Delay(console.Connected ? ConsoleConnectedAfterExit : ConsoleAfterExit, ct));
            if (!receiving.IsCompleted)
            {
                abandon.Cancel();
                await receiving.ContinueWith(_ => { }, CancellationToken.None);
            }
            else if (receiving.IsFaulted)
            {
                process.Kill(); // a process whose terminal nobody holds would wait for ever
                await receiving;
            }
            if (receiving.IsCompletedSuccessfully)
            {
                terminal = receiving.Result;
                lock (slot)
                {
                    slot.Terminal = terminal;
                    if (slot.PendingSize is var (rows, columns))
                        terminal.Resize(rows, columns);
                }
                if (input is not null && exec.AttachStdin && !detach)
                    _ = TypeIntoAsync(input, terminal.Stream);
                // Detached, nobody reads the output, but the master stays open and drained until
                // the process ends: closing it would hang the process up.
                bool attached = !detach && (exec.AttachStdout || exec.AttachStderr);
                var output = PumpTerminalAsync(terminal.Stream, attached ? sink : null, ct);
                try
                {
                    await process.Exited.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    throw;
                }
                // What the process wrote last is still in the master, up to EIO; a child left in
                // the background may hold the terminal for longer than dockerd's two seconds.
                if (await Task.WhenAny(output, Task.Delay(ExecOutputGrace, ct)) != output)
                    _ = output.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
            int status = await process.Exited;
            var (code, _) = await ExecExitAsync(status, runtimeLog, sink, ct);
            exec.ExitCode = code;
            Emit(c, "exec_die", ("execID", exec.Id), ("exitCode", code.ToString()));
        }
        finally
        {
            _execTerminals.TryRemove(exec.Id, out _);
            lock (slot)
                slot.Terminal = null;
            terminal?.Dispose();
        }
    }

    /// <summary>How long the terminal may still arrive once the exec's process has exited.</summary>
    private static readonly TimeSpan ConsoleAfterExit = TimeSpan.FromMilliseconds(500);

    /// <summary>The same when the runtime did connect: the terminal is there, only our side has yet to run.</summary>
    private static readonly TimeSpan ConsoleConnectedAfterExit = TimeSpan.FromSeconds(10);

    /// <summary><c>POST /exec/{id}/resize</c>: applied now, or as soon as the terminal exists.</summary>
    public void ResizeExec(string execId, int rows, int columns)
    {
        GetExec(execId);
        if (rows <= 0 || columns <= 0 || !_execTerminals.TryGetValue(execId, out var slot))
            return;
        lock (slot)
        {
            if (slot.Terminal is null)
                slot.PendingSize = (rows, columns);
            else
                slot.Terminal.Resize(rows, columns);
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
