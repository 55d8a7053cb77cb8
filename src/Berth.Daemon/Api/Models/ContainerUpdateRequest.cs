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
        var merged = JsonSerializer.SerializeToNode(HostConfigModel.From(current), Json.Info<HostConfigModel>())!.AsObject();
        foreach (var field in body.EnumerateObject())
            if (IsSet(field))
                merged[FieldOf(merged, field.Name)] = JsonNode.Parse(field.Value.GetRawText());
        return merged.Deserialize(Json.ReadingInfo<HostConfigModel>())!.ToCore();
    }

    /// <summary>The host config's own name of a field given in any case (<c>memory</c> is <c>Memory</c>), as Go's decoder matches names.</summary>
    private static string FieldOf(JsonObject config, string name) =>
        config.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private static bool IsSet(JsonProperty field) =>
        field.Value.ValueKind != JsonValueKind.Null
        && !(field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out double n) && n == 0 && !field.Name.Equals("PidsLimit", StringComparison.OrdinalIgnoreCase));
}
