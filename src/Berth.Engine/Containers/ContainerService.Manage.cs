using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    public async Task PauseAsync(string idOrName, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            if (c.State.Status == ContainerStatus.Paused)
                throw BerthException.Conflict($"Container {c.Id} is already paused");
            if (c.State.Status != ContainerStatus.Running)
                throw BerthException.Conflict($"Container {c.Id} is not running");
            await _runtime.PauseAsync(c.Id, ct);
            Update(handle, x => x with { State = x.State with { Status = ContainerStatus.Paused } });
            Emit(handle.Current, "pause");
        }
        finally
        {
            handle.Lock.Release();
        }
    }

    public async Task UnpauseAsync(string idOrName, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            if (c.State.Status != ContainerStatus.Paused)
                throw BerthException.Conflict($"Container {c.Id} is not paused");
            await _runtime.ResumeAsync(c.Id, ct);
            Update(handle, x => x with { State = x.State with { Status = ContainerStatus.Running } });
            Emit(handle.Current, "unpause");
        }
        finally
        {
            handle.Lock.Release();
        }
    }

    public void Rename(string idOrName, string newName)
    {
        if (newName.Length == 0)
            throw BerthException.Invalid("Neither old nor new names may be empty");
        var handle = Find(idOrName);
        string canonical = newName.StartsWith('/') ? newName : "/" + newName;
        if (canonical == "/" + handle.Current.Name)
            throw BerthException.Invalid($"Renaming a container with the same name as its current name");
        // dockerd reserves the new name as create does, and says so before the reason.
        const string Allocating = "Error when allocating new name: ";
        string name;
        try
        {
            name = ContainerNames.Validate(canonical);
        }
        catch (BerthException e)
        {
            throw new BerthException(e.Kind, Allocating + e.Message);
        }
        var holder = _containers.Values.FirstOrDefault(h => h.Current.Name == name);
        if (holder is not null)
            throw BerthException.Conflict($"{Allocating}Conflict. The container name \"/{name}\" is already in use by container \"{holder.Current.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
        string oldName = handle.Current.Name;
        Update(handle, c => c with { Name = name });
        Emit(handle.Current, "rename", ("oldName", "/" + oldName));
    }

    /// <summary>The host PIDs of a running container's processes, for <c>top</c>.</summary>
    public async Task<IReadOnlyList<int>> PidsAsync(string idOrName, CancellationToken ct)
    {
        var c = Find(idOrName).Current;
        if (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            throw BerthException.Conflict($"Container {c.Id} is not running");
        return await _runtime.PidsAsync(c.Id, ct);
    }
}
