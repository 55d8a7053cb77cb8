using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>The driver a <c>--mount</c> creates its volume with, and that driver's options.</summary>
public sealed record VolumeDriverConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}
