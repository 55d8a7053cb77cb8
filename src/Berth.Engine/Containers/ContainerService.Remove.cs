using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Files;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// Removes a container; a running one only with <paramref name="force"/> (killed first).
    /// <paramref name="removeVolumes"/> (<c>rm -v</c>, <c>--rm</c>) removes its anonymous volumes too, never named ones.
    /// </summary>
    public async Task RemoveAsync(string idOrName, bool force, CancellationToken ct, bool removeVolumes = false)
    {
        var handle = Find(idOrName);
        if (force && handle.Current.State.Status == ContainerStatus.Restarting)
            await CancelRestartAsync(handle, ct);
        if (handle.IsRunning)
        {
            if (!force)
                throw BerthException.Conflict($"You cannot remove a {(handle.Current.State.Status == ContainerStatus.Restarting ? "restarting" : "running")} container {handle.Current.Id}. Stop the container before attempting removal or force remove");
            MarkStoppedByUser(handle);
            await SendKillAsync(handle, ct);
            await WaitForExitAsync(handle, Timeout.InfiniteTimeSpan, ct);
        }
        await handle.Lock.WaitAsync(ct);
        try
        {
            if (handle.Removed)
                return;
            if (handle.IsRunning)
                throw BerthException.Conflict($"cannot remove container \"/{handle.Current.Name}\": container is running");
            string id = handle.Current.Id;
            var phases = new PhaseTimer(_log, "remove", id);
            bool cleaned = handle.Current.State.Status is ContainerStatus.Exited or ContainerStatus.Created;
            Update(handle, c => c with { State = c.State with { Status = ContainerStatus.Removing } });
            if (!cleaned)
                await CleanupRuntimeAsync(id);
            phases.Mark("runtime delete");
            await _network.DetachAsync(id, handle.Current.State.Networks);
            phases.Mark("network");
            _snapshots.RemoveContainer(id);
            phases.Mark("snapshot");
            // The bundle, /etc files and log: a leftover after a crash is swept with the
            // directories of containers without a record at the next start.
            Trash.Delete(_paths.ContainerDir(id));
            File.Delete(Path.Combine(_paths.Exits, id));
            File.Delete(Path.Combine(_paths.Pids, id));
            File.Delete(Path.Combine(_paths.Pids, id + ".conmon"));
            _metadata.DeleteContainer(id);
            _containers.TryRemove(id, out _);
            handle.MarkRemoved();
            Emit(handle.Current, "destroy");
            if (removeVolumes)
                _volumes.RemoveAnonymous(handle.Current);
            phases.Mark("files and store");
            phases.Log();
        }
        finally
        {
            handle.Lock.Release();
        }
    }
}
