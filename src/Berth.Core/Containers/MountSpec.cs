using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>
/// One entry of <c>HostConfig.Mounts</c> (<c>--mount</c>), with Docker's field names: the wire
/// shape is the stored shape. Resolved into a <see cref="MountPoint"/> at create.
/// </summary>
public sealed record MountSpec
{
    public string Type { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Source { get; init; }
    public string Target { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ReadOnly { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Consistency { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BindMountOptions? BindOptions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VolumeMountOptions? VolumeOptions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TmpfsMountOptions? TmpfsOptions { get; init; }
}
