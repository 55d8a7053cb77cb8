using Berth.Core.Runtime;
using Berth.Linux.Conmon;
using Berth.Linux.Processes;
using Berth.Linux.Runc;

namespace Berth.Engine.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> over runc (or a compatible CLI) with conmon as the monitor:
/// create goes through conmon, which then stays the container's parent; every other verb is
/// runc's own. The runtime binary and its state root are filled in here, so the engine never
/// sees them. An exec goes through the exec helper (<see cref="DirectExec"/>) when there is
/// one and <see cref="DirectExecPlan"/> finds nothing it would do differently from runc.
/// </summary>
public sealed class RuncRuntime(RuncClient runc, ConmonLauncher conmon, DirectExec? direct = null) : IContainerRuntime
{
    public Task<int> CreateAsync(RuntimeCreateOptions o, CancellationToken ct) =>
        conmon.CreateAsync(new ConmonOptions
        {
            ContainerId = o.ContainerId,
            Name = o.Name,
            BundleDir = o.BundleDir,
            RuntimeBinary = runc.Binary,
            RuntimeRoot = runc.Root,
            LogPath = o.LogPath,
            ExitDir = o.ExitDir,
            PidFile = o.PidFile,
            ConmonPidFile = o.MonitorPidFile,
            Terminal = o.Terminal,
            Stdin = o.Stdin,
            LeaveStdinOpen = o.LeaveStdinOpen,
            BundleReady = o.BundleReady,
        }, ct);

    public Task StartAsync(string id, CancellationToken ct) => runc.StartAsync(id, ct);

    public Task KillAsync(string id, int signal, bool all, CancellationToken ct) => runc.KillAsync(id, signal, all, ct);

    public Task DeleteAsync(string id, bool force, CancellationToken ct) => runc.DeleteAsync(id, force, ct);

    public IExecProcess StartExec(string id, string processFile, string runtimeLog, string? consoleSocket)
    {
        // The helper always detaches: only berthd as the subreaper gets the process's exit.
        if (direct is not null && Subreaper.IsEnabled && !direct.Bypassed
            && DirectExecPlan.From(direct, runc.Root, id, processFile) is { } plan)
            return direct.Start(plan, runtimeLog, Path.ChangeExtension(processFile, ".pid"), consoleSocket);
        return runc.StartExec(id, processFile, runtimeLog, consoleSocket);
    }

    public Task UpdateAsync(string id, string resourcesFile, CancellationToken ct) => runc.UpdateAsync(id, resourcesFile, ct);

    public Task PauseAsync(string id, CancellationToken ct) => runc.PauseAsync(id, ct);

    public Task ResumeAsync(string id, CancellationToken ct) => runc.ResumeAsync(id, ct);

    public Task<IReadOnlyList<int>> PidsAsync(string id, CancellationToken ct) => runc.PidsAsync(id, ct);

    public async Task<RuntimeState?> StateAsync(string id, CancellationToken ct) =>
        await runc.StateAsync(id, ct) is { } state ? new RuntimeState(state.Status, state.Pid) : null;

    /// <summary>runc keeps one directory per container under its <c>--root</c>.</summary>
    public IReadOnlyList<string> Known() =>
        Directory.Exists(runc.Root) ? Directory.GetDirectories(runc.Root).Select(d => Path.GetFileName(d)).ToList() : [];
}
