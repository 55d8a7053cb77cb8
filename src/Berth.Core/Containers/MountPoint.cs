using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>
/// One mount of a container, resolved at create from <c>-v</c>, <c>--mount</c>,
/// <c>--volumes-from</c> and the image's VOLUMEs. Its first eight fields are what inspect
/// shows as <c>Mounts</c>; the volumes a container uses are derived from these.
/// </summary>
public sealed record MountPoint
{
    /// <summary>volume, bind or tmpfs.</summary>
    public required string Type { get; init; }
    /// <summary>The volume's name; empty for binds and tmpfs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
    /// <summary>The host path: the bind source or the volume's mountpoint; empty for tmpfs.</summary>
    public string Source { get; set; } = "";
    public required string Destination { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Driver { get; init; }
    /// <summary>The mode text as given (<c>ro</c>, <c>z</c>, …), as Docker echoes it.</summary>
    public string Mode { get; set; } = "";
    public bool RW { get; set; } = true;
    public string Propagation { get; set; } = "";

    /// <summary>Copy the image's content at <see cref="Destination"/> into an empty volume on start.</summary>
    public bool CopyData { get; init; }
    /// <summary>tmpfs mount options (<c>size=</c>, <c>mode=</c>) for <c>--mount type=tmpfs</c>.</summary>
    public string? TmpfsOptions { get; init; }
    /// <summary>A bind without the mounts under its source (<c>bind-nonrecursive</c>): <c>bind</c>, not <c>rbind</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NonRecursive { get; init; }
    /// <summary>The directory inside the volume to mount instead of its root (<c>volume-subpath</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subpath { get; init; }
}
