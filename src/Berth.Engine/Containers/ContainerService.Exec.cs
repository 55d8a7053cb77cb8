using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Logs;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, ExecInstance> _execs = new();

    public ExecInstance CreateExec(string idOrName, ExecInstance request)
    {
        var c = Find(idOrName).Current;
        if (c.State.Status != ContainerStatus.Running)
            throw BerthException.Conflict(c.State.Status == ContainerStatus.Paused
                ? $"Container {c.Id} is paused, unpause the container before exec"
                : $"container {c.Id} is not running");
        if (request.Cmd.Count == 0)
            throw BerthException.Invalid("No exec command specified");
        var exec = new ExecInstance
        {
            Id = ContainerNames.NewId(), ContainerId = c.Id, Cmd = request.Cmd, Env = request.Env, User = request.User,
            WorkingDir = request.WorkingDir, Tty = request.Tty, ConsoleSize = request.ConsoleSize, AttachStdin = request.AttachStdin,
            AttachStdout = request.AttachStdout, AttachStderr = request.AttachStderr, Privileged = request.Privileged, DetachKeys = request.DetachKeys,
        };
        _execs[exec.Id] = exec;
        Emit(c, "exec_create: " + string.Join(' ', exec.Cmd), ("execID", exec.Id));
        return exec;
    }

    public ExecInstance GetExec(string id) =>
        _execs.TryGetValue(id, out var exec) ? exec : throw BerthException.NotFound($"No such exec instance: {id}");

    /// <summary>
    /// Runs an exec instance to its end: its output goes to <paramref name="sink"/> as log
    /// entries, <paramref name="input"/> (if any) to its stdin. With <paramref name="detach"/>
    /// nothing reads the output and nothing is typed in; the caller need not wait for the end.
    /// </summary>
    public async Task RunExecAsync(string execId, bool detach, Stream? input, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        var exec = GetExec(execId);
        lock (exec)
        {
            if (exec.Started)
                throw BerthException.Conflict($"Error: Exec command {exec.Id} has already run");
            exec.Started = true;
            exec.Running = true;
        }
        var c = Get(exec.ContainerId);
        if (c.State.Status != ContainerStatus.Running)
            throw BerthException.Conflict($"container {c.Id} is not running");
        var phases = new PhaseTimer(_log, "exec", c.Id);
        string processFile = Path.Combine(_paths.ContainerDir(c.Id), $"exec-{exec.Id}.json");
        string runtimeLog = Path.Combine(_paths.ContainerDir(c.Id), $"exec-{exec.Id}.log");
        try
        {
            JsonNode spec;
            try
            {
                spec = ExecProcessSpec(c, exec);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
            {
                // A user the container's files do not name (or files unfit to read): as dockerd,
                // which looks the user up before it starts anything, the bare reason goes on the
                // stream ("unable to find user x: no matching entries in passwd file") and the
                // code is 126, which the CLI exits with.
                string message = e.Message + "\r\n";
                await sink(new LogEntry(DateTime.UtcNow, "", LogStream.Stdout, true, System.Text.Encoding.UTF8.GetBytes(message)));
                exec.ExitCode = detach ? null : 126;
                return;
            }
            WriteProcessSpec(processFile, spec);
            phases.Mark("process spec");
            if (exec.Tty)
            {
                await RunExecInTerminalAsync(c, exec, processFile, runtimeLog, detach, input, sink, ct);
                return;
            }
            using var process = _runtime.StartExec(c.Id, processFile, runtimeLog, consoleSocket: null);
            phases.Mark("runtime spawn");
            Emit(c, "exec_start: " + string.Join(' ', exec.Cmd), ("execID", exec.Id));
            if (input is not null && exec.AttachStdin && !detach)
                _ = CopyStdinAsync(input, process.Stdin);
            else
                process.Stdin.Close();
            // Detached, nobody reads the output, but it is drained until the process ends: a
            // closed pipe would kill the process with SIGPIPE.
            bool wanted = !detach;
            using var draining = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var gate = new SemaphoreSlim(1, 1);
            byte[]? heldBack = null;
            async Task Pump(Stream from, LogStream stream, bool attached)
            {
                byte[] buffer = new byte[8192];
                int n;
                bool first = true;
                while ((n = await from.ReadAsync(buffer, draining.Token)) > 0)
                {
                    if (!wanted || !attached)
                        continue;
                    // runc repeats its own failure on stderr; keep it until the exit code tells whose it is.
                    if (first && stream == LogStream.Stderr && buffer.AsSpan(0, n).StartsWith("exec failed:"u8))
                    {
                        heldBack = buffer[..n];
                        first = false;
                        continue;
                    }
                    first = false;
                    await gate.WaitAsync(draining.Token);
                    try { await sink(new LogEntry(DateTime.UtcNow, "", stream, true, buffer.AsMemory(0, n).ToArray())); }
                    finally { gate.Release(); }
                }
            }
            var output = Task.WhenAll(
                Pump(process.Stdout, LogStream.Stdout, exec.AttachStdout),
                Pump(process.Stderr, LogStream.Stderr, exec.AttachStderr));
            int status;
            try
            {
                status = await process.Exited.WaitAsync(ct);
                phases.Mark("runtime exec to exit");
                // As dockerd: the output gets two seconds past the exit to reach its end; a
                // child left in the background may hold the pipes for much longer.
                await Task.WhenAny(output, Task.Delay(ExecOutputGrace, ct));
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }
            finally
            {
                draining.Cancel();
                try { await output; }
                catch (OperationCanceledException) { }
            }
            phases.Mark("output");
            var (code, failed) = await ExecExitAsync(status, runtimeLog, sink, ct);
            if (!failed && heldBack is not null)
                await sink(new LogEntry(DateTime.UtcNow, "", LogStream.Stderr, true, heldBack));
            exec.ExitCode = code;
            Emit(c, "exec_die", ("execID", exec.Id), ("exitCode", code.ToString()));
            phases.Mark("exit");
            phases.Log();
        }
        finally
        {
            exec.Running = false;
            File.Delete(processFile);
            File.Delete(runtimeLog);
        }
    }

    /// <summary>How long an exec's output may still flow once its process has exited (dockerd's wait for its streams).</summary>
    private static readonly TimeSpan ExecOutputGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The exec's exit code from runc's: when runc itself failed to start the process, as
    /// Docker, its reason goes on the stream and the code becomes 126, whatever the reason
    /// (dockerd gives a failed exec start 126, where a container's failed start is 127 or 126).
    /// </summary>

    private static async Task<(int Code, bool RuntimeFailed)> ExecExitAsync(int code, string runtimeLog, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        string runtimeErrors = File.Exists(runtimeLog) ? await File.ReadAllTextAsync(runtimeLog, ct) : "";
        if (code != 255 || !runtimeErrors.Contains("exec failed"))
            return (code, false);
        string message = $"OCI runtime exec failed: {RuntimeMessage(runtimeErrors)}: unknown\r\n";
        await sink(new LogEntry(DateTime.UtcNow, "", LogStream.Stdout, true, System.Text.Encoding.UTF8.GetBytes(message)));
        return (126, true);
    }

    private static async Task CopyStdinAsync(Stream input, Stream stdin)
    {
        try
        {
            await input.CopyToAsync(stdin);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            try { stdin.Close(); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The process spec's file is the exec's own (named after it) and read by nothing but the
    /// runtime started after this write: no temp file and rename needed.
    /// </summary>
    private static void WriteProcessSpec(string path, JsonNode node) =>
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(node, EngineJson.Default.JsonNode));

    /// <summary>The container's own process spec with the exec's command, env, user and cwd.</summary>
    private JsonNode ExecProcessSpec(Container c, ExecInstance exec)
    {
        var spec = JsonNode.Parse(File.ReadAllBytes(Path.Combine(_paths.ContainerDir(c.Id), "config.json")))!;
        var process = spec["process"]!.DeepClone().AsObject();
        process["terminal"] = exec.Tty;
        // runc sizes the terminal it makes before the process starts; the resize that follows
        // through berthd's terminal may come after the process has looked.
        process.Remove("consoleSize");
        if (exec.Tty && exec.ConsoleSize is [> 0 and var height, > 0 and var width])
            process["consoleSize"] = new JsonObject { ["height"] = height, ["width"] = width };
        process["args"] = new JsonArray(exec.Cmd.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        // Made afresh as dockerd does, not from the container's own: TERM follows the exec's terminal.
        var env = EnvironmentList.ReplaceOrAppend(ProcessEnvironment(c, exec.Tty, ResolveLinks(c, forStart: false)), exec.Env);
        process["env"] = new JsonArray(env.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        if (exec.WorkingDir.Length > 0)
            process["cwd"] = exec.WorkingDir;
        if (exec.User.Length > 0)
        {
            var ids = UserResolver.ForProcess(_snapshots.RootfsOf(c.Id), exec.User, c.HostConfig.GroupAdd);
            process["user"] = new JsonObject
            {
                ["uid"] = ids.Uid, ["gid"] = ids.Gid,
                ["additionalGids"] = new JsonArray(ids.AdditionalGids.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray()),
            };
        }
        return process;
    }
}
