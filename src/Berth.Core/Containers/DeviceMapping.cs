namespace Berth.Core.Containers;

/// <summary><c>--device</c>: a host device node made available inside the container, with its cgroup access.</summary>
public sealed record DeviceMapping
{
    public string PathOnHost { get; init; } = "";
    public string PathInContainer { get; init; } = "";
    public string CgroupPermissions { get; init; } = "rwm";
}
