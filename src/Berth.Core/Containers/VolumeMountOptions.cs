using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary><c>--mount type=volume</c>'s options: <c>volume-nocopy</c>, <c>volume-label</c>, <c>volume-driver</c>, <c>volume-opt</c>.</summary>
public sealed record VolumeMountOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoCopy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeDriverConfig? DriverConfig { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Subpath { get; init; }
}
