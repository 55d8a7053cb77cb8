using Berth.Core.Containers;
using Berth.Linux.Mounts;
using Berth.Linux.Processes;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private FileSystemWatcher? _exitWatcher;
    private Timer? _sweeper;

    /// <summary>
    /// Brings the daemon's view in line with reality after a (re)start, then watches the exit
    /// directory. A container that exited while berthd was down left its exit file; one whose
    /// conmon is still alive is still running; one with neither died with its monitor.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        _exitWatcher = new FileSystemWatcher(_paths.Exits) { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
        _exitWatcher.Created += (_, e) => _ = HandleExitAsync(e.Name!);
        _exitWatcher.Changed += (_, e) => _ = HandleExitAsync(e.Name!);
        _exitWatcher.Renamed += (_, e) => _ = HandleExitAsync(e.Name!); // conmon writes a temp file, then renames it
        _exitWatcher.EnableRaisingEvents = true;

        _network.RestorePortForwarding(_containers.Values.Where(h => h.IsRunning).Select(h => (h.Current.Id, h.Current.State.Networks)));
        foreach (var handle in _containers.Values.Where(h => h.IsRunning))
            _network.Restore(handle.Current.Id, handle.Current.State.Networks);
        foreach (var handle in _containers.Values.Where(h => h.IsRunning).ToList())
        {
            await ReconcileAsync(handle);
            if (handle.Current.State.Status == ContainerStatus.Running && HealthCheck.From(handle.Current.Config.Healthcheck) is HealthCheck check)
                _ = MonitorHealthAsync(handle, check);
        }
        // Namespaces of containers that are gone (a crash between ADD and the exit's DEL).
        await _network.RemoveOrphansAsync(_containers.Values.Where(h => h.IsRunning).Select(h => h.Current.Id).ToHashSet());
        foreach (var handle in _containers.Values.Where(h => !h.IsRunning).ToList())
            Mounter.Unmount(_snapshots.RootfsOf(handle.Current.Id));
        // Runtime state of containers that are not running (a cleanup cut short by a crash).
        foreach (string id in _runtime.Known())
        {
            if (_containers.TryGetValue(id, out var owner) && owner.IsRunning)
                continue;
            // An exit just handled above cleans up on its own: a second cleanup alongside would race it.
            if (owner is not null)
                await owner.RuntimeCleanup;
            if (_runtime.Known().Contains(id))
                await CleanupRuntimeAsync(id);
        }
        // Directories of containers without a record: a create cut short by a crash makes the
        // directory before the row. Nothing is mounted in them (the rootfs is the snapshotter's).
        foreach (string dir in Directory.EnumerateDirectories(_paths.Containers))
            if (!_containers.ContainsKey(Path.GetFileName(dir)))
                Directory.Delete(dir, recursive: true);
        // Pid files of containers removed while berthd was down (or by a crash mid-removal).
        foreach (string file in Directory.EnumerateFiles(_paths.Pids))
            if (!_containers.ContainsKey(Path.GetFileName(file).Split('.')[0]))
                File.Delete(file);

        // Restart policies hold across daemon restarts, as Docker's do.
        foreach (var handle in _containers.Values.Where(h => h.Current.State.Status == ContainerStatus.Exited && ShouldRestart(h.Current, daemonStarting: true)).ToList())
            _ = RestartAfterBackoffAsync(handle, markRestarting: true);
        // inotify can overflow and drop events; a slow sweep catches whatever it missed.
        _sweeper = new Timer(_ => { foreach (var h in _containers.Values.Where(h => h.IsRunning)) _ = ReconcileAsync(h); },
            null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        StartLogRotation();
    }

    private async Task ReconcileAsync(ContainerHandle handle)
    {
        var c = handle.Current;
        if (File.Exists(Path.Combine(_paths.Exits, c.Id)))
            await HandleExitAsync(c.Id);
        else if (!Signals.IsAlive(c.State.ConmonPid) && !Signals.IsAlive(c.State.Pid))
            await RecordExitAsync(handle, 255, "container monitor disappeared", observedConmon: c.State.ConmonPid);
    }

    private async Task HandleExitAsync(string id)
    {
        if (!_containers.TryGetValue(id, out var handle))
            return;
        int conmon = handle.Current.State.ConmonPid;
        string file = Path.Combine(_paths.Exits, id);
        int code = -1;
        // conmon may still be writing the file when inotify reports it.
        for (int attempt = 0; attempt < 50 && code < 0; attempt++)
        {
            try
            {
                string text = File.Exists(file) ? File.ReadAllText(file).Trim() : "";
                if (int.TryParse(text, out int parsed)) code = parsed;
                else await Task.Delay(10);
            }
            catch (IOException)
            {
                await Task.Delay(10);
            }
        }
        if (code >= 0)
            await RecordExitAsync(handle, code, "", observedConmon: conmon);
    }

    /// <param name="observedConmon">The monitor whose exit was seen; if the container was started
    /// again meanwhile (a restart policy), the new run has another monitor and this exit is stale.</param>
    private async Task RecordExitAsync(ContainerHandle handle, int code, string error, int? observedConmon = null)
    {
        await handle.Lock.WaitAsync();
        try
        {
            if (handle.Current.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
                return;
            if (observedConmon is int seen && handle.Current.State.ConmonPid != seen)
                return;
            string id = handle.Current.Id;
            var phases = new PhaseTimer(_log, "exit", id);
            bool oomKilled = Stats.CgroupStats.WasOomKilled(Runtime.OciSpecBuilder.CgroupPath(id));
            // The network goes before waiters wake: `docker stop a && docker run -p <a's port>` must work.
            var networks = handle.Current.State.Networks;
            await _network.DetachAsync(id, networks);
            phases.Mark("network");
            // Waiters learn the exit first; the cleanup still holds the lock, so nothing can
            // start or remove the container before it is done. A container its policy restarts
            // is restarting from here, as Docker's: a plain rm after the wait is refused.
            Update(handle, c =>
            {
                var exited = c with
                {
                    State = c.State with
                    {
                        Status = ContainerStatus.Exited, ExitCode = code, Pid = 0, ConmonPid = 0, Error = error,
                        FinishedAt = DateTime.UtcNow, OOMKilled = oomKilled, Networks = [],
                    },
                };
                return ShouldRestart(exited) ? exited with { State = exited.State with { Status = ContainerStatus.Restarting } } : exited;
            }, exited: true);
            if (oomKilled)
                Emit(handle.Current, "oom");
            Emit(handle.Current, "die", ("exitCode", code.ToString()));
            foreach (var a in networks)
                _network.Emit("disconnect", a.Network, id); // after die, as Docker's
            _volumes.Release(handle.Current);
            Mounter.Unmount(_snapshots.RootfsOf(id));
            phases.Mark("record and unmount");
            phases.Log();
            // Nobody waits for runc's own bookkeeping; the next start of this container does.
            handle.RuntimeCleanup = CleanupRuntimeAsync(id);
        }
        catch (Exception e)
        {
            LogMessages.ExitHandlingFailed(_log, handle.Current.Id, e);
        }
        finally
        {
            handle.Lock.Release();
        }
        if (ShouldRestart(handle.Current))
        {
            _ = RestartAfterBackoffAsync(handle);
            return;
        }
        if (handle.Current.HostConfig.AutoRemove)
        {
            // Removal deletes the log: let attached clients read the end of it first.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                while (true)
                {
                    Task changed = handle.Changed;
                    if (handle.Attached == 0) break;
                    await changed.WaitAsync(patience.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // A client that does not read: remove anyway.
            }
            await RemoveAsync(handle.Current.Id, force: false, CancellationToken.None, removeVolumes: true);
        }
    }
}
