using System.Text.Json;
using Berth.Linux.Processes;

namespace Berth.Linux.Runc;

/// <summary>
/// The OCI runtime CLI (runc or a compatible one), for the verbs berthd itself issues.
/// <c>create</c> is not here: conmon runs it, so that conmon becomes the container's parent.
/// </summary>
public sealed class RuncClient(string binary, string root)
{
    public string Binary => binary;

    /// <summary>The state directory (<c>--root</c>), private to this daemon's exec root.</summary>
    public string Root => root;

    /// <summary>
    /// Starts a created container. runc's <c>start</c> only opens the container's exec fifo,
    /// where <c>runc init</c> waits, reads it and removes it; doing that here saves spawning a
    /// process on every start. A runtime without the fifo gets its own <c>start</c>.
    /// </summary>
    public async Task StartAsync(string id, CancellationToken ct)
    {
        string fifo = Path.Combine(root, id, "exec.fifo");
        if (!File.Exists(fifo))
        {
            await ToolRunner.RunAsync(binary, ["--root", root, "start", id], ct);
            return;
        }
        if (await ExecFifo.ReleaseAsync(fifo, TimeSpan.FromSeconds(10)) == 0)
            throw new ToolException("runc start", 1, "cannot start an already running container");
    }

    public Task KillAsync(string id, int signal, bool all, CancellationToken ct) =>
        ToolRunner.RunAsync(binary, all ? ["--root", root, "kill", "--all", id, signal.ToString()] : ["--root", root, "kill", id, signal.ToString()], ct);

    /// <summary>Deletes the container; a stopped one's leftovers are removed in-process (<see cref="StoppedContainer"/>).</summary>
    public async Task DeleteAsync(string id, bool force, CancellationToken ct)
    {
        // Off the caller's thread: the exit path calls this holding the container's lock.
        if (await Task.Run(() => StoppedContainer.TryDelete(root, id), CancellationToken.None))
            return;
        await ToolRunner.RunAsync(binary, force ? ["--root", root, "delete", "--force", id] : ["--root", root, "delete", id], ct);
    }

    /// <summary>
    /// Starts <c>runc exec --process FILE</c> with piped stdio: detached when berthd is the
    /// subreaper (see <see cref="RuncExec"/>), else in the foreground.
    /// </summary>
    /// <param name="runtimeLog">where runc writes its own errors, so that stderr is the process's alone.</param>
    /// <param name="consoleSocket">for a spec with <c>terminal: true</c>: where runc sends the terminal's master.</param>
    public Core.Runtime.IExecProcess StartExec(string id, string processFile, string runtimeLog, string? consoleSocket)
    {
        var info = new System.Diagnostics.ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--root", root, "--log", runtimeLog, "--log-format", "json", "exec", "--process", processFile])
            info.ArgumentList.Add(a);
        string? pidFile = null;
        if (Subreaper.IsEnabled)
        {
            pidFile = Path.ChangeExtension(processFile, ".pid");
            info.ArgumentList.Add("--detach");
            info.ArgumentList.Add("--pid-file");
            info.ArgumentList.Add(pidFile);
        }
        if (consoleSocket is not null)
        {
            info.ArgumentList.Add("--console-socket");
            info.ArgumentList.Add(consoleSocket);
        }
        info.ArgumentList.Add(id);
        var runc = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("cannot start " + binary);
        return new RuncExec(runc, pidFile);
    }

    /// <summary>Changes a running container's cgroup limits (OCI <c>linux.resources</c> JSON in a file).</summary>
    public Task UpdateAsync(string id, string resourcesFile, CancellationToken ct) =>
        ToolRunner.RunAsync(binary, ["--root", root, "update", "--resources", resourcesFile, id], ct);

    public Task PauseAsync(string id, CancellationToken ct) => ToolRunner.RunAsync(binary, ["--root", root, "pause", id], ct);

    public Task ResumeAsync(string id, CancellationToken ct) => ToolRunner.RunAsync(binary, ["--root", root, "resume", id], ct);

    /// <summary>The host PIDs of every process in the container.</summary>
    public async Task<IReadOnlyList<int>> PidsAsync(string id, CancellationToken ct)
    {
        string json = await ToolRunner.RunAsync(binary, ["--root", root, "ps", "--format", "json", id], ct);
        return JsonSerializer.Deserialize(json, LinuxJson.Default.Int32Array) ?? [];
    }

    /// <summary>The runtime's view of a container; null when it does not know it.</summary>
    public async Task<RuncState?> StateAsync(string id, CancellationToken ct)
    {
        try
        {
            string json = await ToolRunner.RunAsync(binary, ["--root", root, "state", id], ct);
            using var doc = JsonDocument.Parse(json);
            return new RuncState(doc.RootElement.GetProperty("status").GetString() ?? "unknown",
                doc.RootElement.GetProperty("pid").GetInt32());
        }
        catch (ToolException e) when (e.Stderr.Contains("does not exist") || e.Stderr.Contains("not exist"))
        {
            return null;
        }
    }
}

public sealed record RuncState(string Status, int Pid);
