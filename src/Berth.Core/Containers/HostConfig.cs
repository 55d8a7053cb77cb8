using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>
/// The host-dependent part of a container's configuration, as the Engine API's
/// <c>HostConfig</c>. Fields Berth does not act on yet are kept in <see cref="Extra"/>.
/// </summary>
public sealed class HostConfig
{
    public List<string>? Binds { get; set; }
    /// <summary>The terminal's initial [height, width], sent by clients since API 1.42 so a <c>-t</c> process starts at the right size.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? ConsoleSize { get; set; }
    /// <summary><c>--tmpfs</c>: container path → mount options ("" for the defaults).</summary>
    public Dictionary<string, string>? Tmpfs { get; set; }
    public string ContainerIDFile { get; set; } = "";
    public LogConfig LogConfig { get; set; } = new();
    public string NetworkMode { get; set; } = "";
    public Dictionary<string, List<PortBinding>?>? PortBindings { get; set; }
    public RestartPolicy RestartPolicy { get; set; } = new();
    public bool AutoRemove { get; set; }
    public List<string>? CapAdd { get; set; }
    public List<string>? CapDrop { get; set; }
    public List<string>? Dns { get; set; }
    public List<string>? DnsOptions { get; set; }
    public List<string>? DnsSearch { get; set; }
    public List<string>? ExtraHosts { get; set; }
    public List<string>? GroupAdd { get; set; }
    /// <summary><c>--link</c>, stored as Docker stores it: <c>/TARGET:/NAME/ALIAS</c>.</summary>
    public List<string>? Links { get; set; }
    public string IpcMode { get; set; } = "";
    public string PidMode { get; set; } = "";
    public bool Privileged { get; set; }
    public bool PublishAllPorts { get; set; }
    public bool ReadonlyRootfs { get; set; }
    public List<string>? SecurityOpt { get; set; }
    public string UTSMode { get; set; } = "";
    public string UsernsMode { get; set; } = "";
    public long ShmSize { get; set; }
    public string Runtime { get; set; } = "";
    public long Memory { get; set; }
    public long MemorySwap { get; set; }
    public long MemoryReservation { get; set; }
    public bool? OomKillDisable { get; set; }
    public long NanoCpus { get; set; }
    public long CpuShares { get; set; }
    public long CpuPeriod { get; set; }
    public long CpuQuota { get; set; }
    public string CpusetCpus { get; set; } = "";
    public string CpusetMems { get; set; } = "";
    public int BlkioWeight { get; set; }
    public long? PidsLimit { get; set; }
    public List<DeviceMapping>? Devices { get; set; }
    public List<Ulimit>? Ulimits { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Init { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class LogConfig
{
    public string Type { get; set; } = "";
    public Dictionary<string, string> Config { get; set; } = new();
}

public sealed class RestartPolicy
{
    public string Name { get; set; } = "no";
    public int MaximumRetryCount { get; set; }
}

public sealed class PortBinding
{
    public string HostIp { get; set; } = "";
    public string HostPort { get; set; } = "";
}

public sealed class DeviceMapping
{
    public string PathOnHost { get; set; } = "";
    public string PathInContainer { get; set; } = "";
    public string CgroupPermissions { get; set; } = "rwm";
}

public sealed class Ulimit
{
    public string Name { get; set; } = "";
    public long Soft { get; set; }
    public long Hard { get; set; }
}
