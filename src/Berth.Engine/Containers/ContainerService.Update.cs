using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>docker update</c>: new resource limits and restart policy, stored, and applied at once
    /// to a running container's cgroup. <paramref name="change"/> derives the new host config
    /// from the current one (under the container's lock, so two updates do not lose each other's fields).
    /// </summary>
    public async Task UpdateAsync(string idOrName, Func<HostConfig, HostConfig> change, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            HostConfig host;
            try
            {
                host = change(c.HostConfig);
            }
            catch (Core.Errors.BerthException e) when (e.Kind == Core.Errors.ErrorKind.Conflict)
            {
                // dockerd names the container in what the update conflicts with.
                throw Core.Errors.BerthException.Conflict($"Cannot update container {c.Id}: {e.Message}");
            }
            ResourceLimits.Validate(host, Environment.ProcessorCount);
            ValidateRestartPolicy(host.RestartPolicy);
            if (host.AutoRemove && host.RestartPolicy.Name is "always" or "on-failure" or "unless-stopped")
                throw Core.Errors.BerthException.Invalid("Restart policy cannot be updated because AutoRemove is enabled for the container");
            if (c.State.Status is ContainerStatus.Running or ContainerStatus.Paused)
            {
                var resources = new JsonObject();
                ResourceLimits.Apply(host, resources);
                string file = Path.Combine(_paths.ContainerDir(c.Id), "update.json");
                Files.AtomicFile.Write(file, JsonSerializer.SerializeToUtf8Bytes(resources, EngineJson.Default.JsonObject), durable: false);
                try
                {
                    await _runtime.UpdateAsync(c.Id, file, ct);
                }
                finally
                {
                    File.Delete(file);
                }
            }
            Update(handle, x => x with { HostConfig = host });
            Emit(handle.Current, "update");
        }
        finally
        {
            handle.Lock.Release();
        }
    }
}
