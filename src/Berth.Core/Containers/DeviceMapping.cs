namespace Berth.Core.Containers;

/// <summary><c>--device</c>: a host device node made available inside the container, with its cgroup access.</summary>
public sealed record DeviceMapping
{
    public string PathOnHost { get; set; } = "";
    public string PathInContainer { get; set; } = "";
    public string CgroupPermissions { get; set; } = "rwm";
}
