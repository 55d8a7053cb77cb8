using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary><c>--mount type=tmpfs</c>'s options: <c>tmpfs-size</c> in bytes, <c>tmpfs-mode</c> as a file mode.</summary>
public sealed record TmpfsMountOptions
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long SizeBytes { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public uint Mode { get; init; }
}
