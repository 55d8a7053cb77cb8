using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary><c>--mount type=bind</c>'s options.</summary>
public sealed record BindMountOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Propagation { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NonRecursive { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CreateMountpoint { get; init; }
}
