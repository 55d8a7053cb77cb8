using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The body of <c>POST /containers/{id}/update</c> (Docker's <c>UpdateConfig</c>: resources
/// and restart policy). Clients send every field, most as zero or null, so only what is set
/// replaces the container's value: nulls and numeric zeros (but for <c>PidsLimit</c>, where 0
/// means unlimited) keep the current one.
/// </summary>
internal sealed class ContainerUpdateRequest(JsonElement body)
{
    /// <summary>The container's host config with this update's fields laid over it.</summary>
    public HostConfig ApplyTo(HostConfig current)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw Core.Errors.BerthException.Invalid($"json: cannot unmarshal {JsonFields.GoKind(body)} into Go value of type container.UpdateConfig");
        RefuseConflicts(current);
        var merged = JsonSerializer.SerializeToNode(HostConfigModel.From(current), Json.Info<HostConfigModel>())!.AsObject();
        // The swap limit in effect stays when only the memory limit changes (dockerd stored it at create).
        merged["MemorySwap"] = HostConfigModel.MemorySwapOf(current);
        foreach (var field in body.EnumerateObject())
            if (IsSet(field))
                merged[FieldOf(merged, field.Name)] = JsonNode.Parse(field.Value.GetRawText());
        return merged.Deserialize(Json.ReadingInfo<HostConfigModel>())!.ToCore();
    }

    /// <summary>
    /// dockerd's checks of an update against what the container has (its <c>UpdateContainer</c>):
    /// NanoCpus and CPU period/quota exclude each other across updates, and a new memory limit
    /// above the swap limit already set (0 when there is none, so any first limit) needs the
    /// swap limit in the same update. Conflicts (409).
    /// </summary>
    private void RefuseConflicts(HostConfig current)
    {
        long nanoCpus = Number("NanoCpus"), period = Number("CpuPeriod"), quota = Number("CpuQuota");
        if (nanoCpus > 0 && current.CpuPeriod > 0)
            throw Conflict("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        if (nanoCpus > 0 && current.CpuQuota > 0)
            throw Conflict("Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        if (period > 0 && current.NanoCpus > 0)
            throw Conflict("Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        if (quota > 0 && current.NanoCpus > 0)
            throw Conflict("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        long memory = Number("Memory");
        if (memory != 0 && memory > HostConfigModel.MemorySwapOf(current) && Number("MemorySwap") == 0)
            throw Conflict("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
    }

    private static Core.Errors.BerthException Conflict(string message) => Core.Errors.BerthException.Conflict(message);

    /// <summary>A numeric field of the body (its name in any case, the last given winning); 0 when absent, null or not a number.</summary>
    private long Number(string name) =>
        body.EnumerateObject().LastOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.Number } v
            && v.TryGetInt64(out long n) ? n : 0;

    /// <summary>The host config's own name of a field given in any case (<c>memory</c> is <c>Memory</c>), as Go's decoder matches names.</summary>
    private static string FieldOf(JsonObject config, string name) =>
        config.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private static bool IsSet(JsonProperty field) =>
        field.Value.ValueKind != JsonValueKind.Null
        && !(field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out double n) && n == 0 && !field.Name.Equals("PidsLimit", StringComparison.OrdinalIgnoreCase));
}
