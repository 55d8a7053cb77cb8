using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Core.Containers;

/// <summary>
/// The host-dependent part of a container's configuration, as the Engine API's
/// <c>HostConfig</c>. Treated as immutable: the engine derives changed copies with <c>with</c> (the
/// properties with initializers have setters only so JSON that leaves them out keeps them, see EngineJson).
/// </summary>
/// <remarks>Its JSON is the shape stored in berth.db (<see cref="Extra"/> flat beside the known fields); keep it.</remarks>
public sealed record HostConfig
{
    public IReadOnlyList<string>? Binds { get; init; }
    /// <summary>The terminal's initial [height, width], sent by clients since API 1.42 so a <c>-t</c> process starts at the right size.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? ConsoleSize { get; init; }
    /// <summary><c>--tmpfs</c>: container path → mount options ("" for the defaults).</summary>
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }
    /// <summary><c>--mount</c>: volumes, binds and tmpfs in the structured form.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MountSpec>? Mounts { get; init; }
    /// <summary><c>--volumes-from</c>: <c>CONTAINER[:ro|rw]</c>.</summary>
    public IReadOnlyList<string>? VolumesFrom { get; init; }
    public string ContainerIDFile { get; set; } = "";
    public LogConfig LogConfig { get; set; } = new();
    public string NetworkMode { get; set; } = "";
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? PortBindings { get; init; }
    public RestartPolicy RestartPolicy { get; set; } = new();
    public bool AutoRemove { get; init; }
    public IReadOnlyList<string>? CapAdd { get; init; }
    public IReadOnlyList<string>? CapDrop { get; init; }
    public IReadOnlyList<string>? Dns { get; init; }
    public IReadOnlyList<string>? DnsOptions { get; init; }
    public IReadOnlyList<string>? DnsSearch { get; init; }
    public IReadOnlyList<string>? ExtraHosts { get; init; }
    public IReadOnlyList<string>? GroupAdd { get; init; }
    /// <summary><c>--link</c>, stored as Docker stores it: <c>/TARGET:/NAME/ALIAS</c>.</summary>
    public IReadOnlyList<string>? Links { get; init; }
    public string IpcMode { get; set; } = "";
    public string PidMode { get; set; } = "";
    public bool Privileged { get; init; }
    public bool PublishAllPorts { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public IReadOnlyList<string>? SecurityOpt { get; init; }
    public string UTSMode { get; set; } = "";
    public string UsernsMode { get; set; } = "";
    public long ShmSize { get; init; }
    /// <summary><c>--sysctl</c>: kernel parameters runc sets in the container's namespaces (runc refuses the others).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Sysctls { get; init; }
    public string Runtime { get; set; } = "";
    public long Memory { get; init; }
    public long MemorySwap { get; init; }
    public long MemoryReservation { get; init; }
    public bool? OomKillDisable { get; init; }
    public long NanoCpus { get; init; }
    public long CpuShares { get; init; }
    public long CpuPeriod { get; init; }
    public long CpuQuota { get; init; }
    public string CpusetCpus { get; set; } = "";
    public string CpusetMems { get; set; } = "";
    public int BlkioWeight { get; init; }
    public long? PidsLimit { get; init; }
    public IReadOnlyList<DeviceMapping>? Devices { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DeviceCgroupRules { get; init; }
    public IReadOnlyList<Ulimit>? Ulimits { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Init { get; init; }
    /// <summary>/proc and /sys paths hidden from the container; null: none (privileged) or, for a container older than the field, the defaults.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    /// <summary>/proc paths mounted read-only; null as for <see cref="MaskedPaths"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }

    /// <summary>Fields Berth does not act on, by name, as the client sent them, so inspect shows them back.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> Extra
    {
        get => _extra ?? OpaqueFields.None;
        init => _extra = OpaqueFields.Copy(value);
    }

    // Flat beside the known fields when stored, as Berth always stored them; filled only while deserializing.
    // Public for the source-generated serializers in the other assemblies (they see no private members).
    [JsonExtensionData, EditorBrowsable(EditorBrowsableState.Never)]
    public Dictionary<string, JsonElement>? StoredExtra { get => _extra; set => _extra = value; }

    private Dictionary<string, JsonElement>? _extra;
}
