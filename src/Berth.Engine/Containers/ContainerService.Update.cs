using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Engine.Runtime;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>docker update</c>: new resource limits and restart policy, stored, and applied at once
    /// to a running container's cgroup. <paramref name="changes"/> holds only the fields sent.
    /// </summary>
    public async Task UpdateAsync(string idOrName, JsonElement changes, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            var merged = JsonNode.Parse(JsonSerializer.Serialize(c.HostConfig, s_json))!.AsObject();
            foreach (var field in changes.EnumerateObject())
                if (field.Value.ValueKind != JsonValueKind.Null && !(field.Value.ValueKind == JsonValueKind.Number && field.Value.GetInt64() == 0 && field.Name != "PidsLimit"))
                    merged[field.Name] = JsonNode.Parse(field.Value.GetRawText());
            var host = merged.Deserialize<HostConfig>(s_json)!;
            ResourceLimits.Validate(host, Environment.ProcessorCount);
            if (host.AutoRemove && host.RestartPolicy.Name is "always" or "on-failure" or "unless-stopped")
                throw Core.Errors.BerthException.Invalid("Restart policy cannot be updated because AutoRemove is enabled for the container");
            if (c.State.Status is ContainerStatus.Running or ContainerStatus.Paused)
            {
                var resources = new JsonObject();
                ResourceLimits.Apply(host, resources);
                string file = Path.Combine(_paths.ContainerDir(c.Id), "update.json");
                Files.AtomicFile.Write(file, JsonSerializer.SerializeToUtf8Bytes(resources), durable: false);
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
