using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Containers;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The Engine API's <c>HostConfig</c> on the wire, as create and update send it and inspect
/// shows it. Unknown fields are kept in <see cref="Extra"/> and echoed by inspect. The nested
/// values (LogConfig, RestartPolicy, PortBinding, DeviceMapping, Ulimit) are Core's records:
/// their fields are Docker's names, and Docker sends nothing else in them.
/// </summary>
internal sealed class HostConfigModel
{
    public IReadOnlyList<string>? Binds { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? ConsoleSize { get; init; }
    public IReadOnlyDictionary<string, string>? Tmpfs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MountSpec>? Mounts { get; init; }
    public IReadOnlyList<string>? VolumesFrom { get; init; }
    public string? ContainerIDFile { get; init; }
    public LogConfig? LogConfig { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? PortBindings { get; init; }
    public RestartPolicy? RestartPolicy { get; init; }
    public bool AutoRemove { get; init; }
    public IReadOnlyList<string>? CapAdd { get; init; }
    public IReadOnlyList<string>? CapDrop { get; init; }
    public IReadOnlyList<string>? Dns { get; init; }
    public IReadOnlyList<string>? DnsOptions { get; init; }
    public IReadOnlyList<string>? DnsSearch { get; init; }
    public IReadOnlyList<string>? ExtraHosts { get; init; }
    public IReadOnlyList<string>? GroupAdd { get; init; }
    public IReadOnlyList<string>? Links { get; init; }
    public string? IpcMode { get; init; }
    public string? PidMode { get; init; }
    public bool Privileged { get; init; }
    public bool PublishAllPorts { get; init; }
    public bool ReadonlyRootfs { get; init; }
    public IReadOnlyList<string>? SecurityOpt { get; init; }
    public string? UTSMode { get; init; }
    public string? UsernsMode { get; init; }
    public long ShmSize { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Sysctls { get; init; }
    public string? Runtime { get; init; }
    public long Memory { get; init; }
    public long MemorySwap { get; init; }
    public long MemoryReservation { get; init; }
    public bool? OomKillDisable { get; init; }
    public long NanoCpus { get; init; }
    public long CpuShares { get; init; }
    public long CpuPeriod { get; init; }
    public long CpuQuota { get; init; }
    public string? CpusetCpus { get; init; }
    public string? CpusetMems { get; init; }
    public int BlkioWeight { get; init; }
    public long? PidsLimit { get; init; }
    public IReadOnlyList<DeviceMapping>? Devices { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DeviceCgroupRules { get; init; }
    public IReadOnlyList<Ulimit>? Ulimits { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Init { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A list's null items as empty ones, as Go decodes a null into a struct's zero value.</summary>
    private static IReadOnlyList<T>? Zeroed<T>(IReadOnlyList<T?>? list) where T : class, new() =>
        list?.Select(item => item ?? new T()).ToList();

    /// <summary>The Core record; what the client left out or sent as null takes the record's default.</summary>
    public HostConfig ToCore() => new()
    {
        Binds = Binds, ConsoleSize = ConsoleSize, Tmpfs = Tmpfs, Mounts = Zeroed(Mounts), VolumesFrom = VolumesFrom, ContainerIDFile = ContainerIDFile ?? "",
        LogConfig = LogConfig is null ? new() : LogConfig with { Type = LogConfig.Type ?? "", Config = LogConfig.Config ?? new Dictionary<string, string>() },
        NetworkMode = NetworkMode ?? "",
        PortBindings = PortBindings?.ToDictionary(p => p.Key, p => Zeroed(p.Value)),
        RestartPolicy = RestartPolicy ?? new(), AutoRemove = AutoRemove,
        CapAdd = CapAdd, CapDrop = CapDrop, Dns = Dns, DnsOptions = DnsOptions, DnsSearch = DnsSearch,
        ExtraHosts = ExtraHosts, GroupAdd = GroupAdd, Links = Links, IpcMode = IpcMode ?? "", PidMode = PidMode ?? "",
        Privileged = Privileged, PublishAllPorts = PublishAllPorts, ReadonlyRootfs = ReadonlyRootfs,
        SecurityOpt = SecurityOpt, UTSMode = UTSMode ?? "", UsernsMode = UsernsMode ?? "", ShmSize = ShmSize, Sysctls = Sysctls,
        Runtime = Runtime ?? "", Memory = Memory, MemorySwap = MemorySwap, MemoryReservation = MemoryReservation,
        OomKillDisable = OomKillDisable, NanoCpus = NanoCpus, CpuShares = CpuShares, CpuPeriod = CpuPeriod,
        CpuQuota = CpuQuota, CpusetCpus = CpusetCpus ?? "", CpusetMems = CpusetMems ?? "", BlkioWeight = BlkioWeight,
        PidsLimit = PidsLimit, Devices = Zeroed(Devices), DeviceCgroupRules = DeviceCgroupRules, Ulimits = Zeroed(Ulimits), Init = Init, MaskedPaths = MaskedPaths, ReadonlyPaths = ReadonlyPaths,
        Extra = Extra ?? new Dictionary<string, JsonElement>(),
    };

    /// <summary>
    /// As inspect shows it: the lists and maps the API description types as arrays and objects
    /// are empty rather than null; echoed fields left out where Docker would not show them as
    /// sent (null, swappiness -1: not set); the cgroup namespace mode Berth runs every container
    /// with, "host" (no cgroup namespace of its own).
    /// </summary>
    public static HostConfigModel Inspected(HostConfig h)
    {
        var extra = h.Extra.Where(e => e.Value.ValueKind != JsonValueKind.Null
            && !(e.Key == "MemorySwappiness" && e.Value.ValueKind == JsonValueKind.Number && e.Value.GetInt64() < 0)).ToDictionary();
        if (!extra.TryGetValue("CgroupnsMode", out var cgroupns) || cgroupns.ValueKind != JsonValueKind.String || cgroupns.GetString() is not ("private" or "host"))
            extra["CgroupnsMode"] = JsonSerializer.SerializeToElement("host", DaemonJson.Default.String);
        return From(h with
        {
            Binds = h.Binds ?? [], Tmpfs = h.Tmpfs ?? new Dictionary<string, string>(), VolumesFrom = h.VolumesFrom ?? [],
            PortBindings = h.PortBindings ?? new Dictionary<string, IReadOnlyList<PortBinding>?>(),
            CapAdd = h.CapAdd ?? [], CapDrop = h.CapDrop ?? [], Dns = h.Dns ?? [], DnsOptions = h.DnsOptions ?? [], DnsSearch = h.DnsSearch ?? [],
            ExtraHosts = h.ExtraHosts ?? [], GroupAdd = h.GroupAdd ?? [], Links = h.Links ?? [], SecurityOpt = h.SecurityOpt ?? [],
            Devices = h.Devices ?? [], Ulimits = h.Ulimits ?? [],
            // The defaults dockerd writes into a container's HostConfig at create, which the
            // runtime applies here too: a private IPC namespace, a 64 MiB /dev/shm, swap as much as memory.
            IpcMode = h.IpcMode.Length > 0 ? h.IpcMode : "private",
            ShmSize = h.ShmSize > 0 ? h.ShmSize : 64L << 20,
            // omitempty in Docker's struct: an empty map is not shown either.
            Sysctls = h.Sysctls is { Count: > 0 } ? h.Sysctls : null,
            OomKillDisable = h.OomKillDisable ?? false,
            MemorySwap = MemorySwapOf(h),
            Extra = extra,
        });
    }

    /// <summary>The swap limit in effect: one left at 0 beside a memory limit is twice that, as dockerd sets it at create.</summary>
    internal static long MemorySwapOf(HostConfig h) =>
        h.Memory > 0 && h.MemorySwap == 0 ? (h.Memory > long.MaxValue / 2 ? -1 : h.Memory * 2) : h.MemorySwap;

    /// <summary>The wire form of a Core record, as update merges into (inspect: <see cref="Inspected"/>).</summary>
    public static HostConfigModel From(HostConfig h) => new()
    {
        Binds = h.Binds, ConsoleSize = h.ConsoleSize, Tmpfs = h.Tmpfs, Mounts = h.Mounts, VolumesFrom = h.VolumesFrom, ContainerIDFile = h.ContainerIDFile,
        LogConfig = h.LogConfig, NetworkMode = h.NetworkMode, PortBindings = h.PortBindings,
        RestartPolicy = h.RestartPolicy, AutoRemove = h.AutoRemove,
        CapAdd = h.CapAdd, CapDrop = h.CapDrop, Dns = h.Dns, DnsOptions = h.DnsOptions, DnsSearch = h.DnsSearch,
        ExtraHosts = h.ExtraHosts, GroupAdd = h.GroupAdd, Links = h.Links, IpcMode = h.IpcMode, PidMode = h.PidMode,
        Privileged = h.Privileged, PublishAllPorts = h.PublishAllPorts, ReadonlyRootfs = h.ReadonlyRootfs,
        SecurityOpt = h.SecurityOpt, UTSMode = h.UTSMode, UsernsMode = h.UsernsMode, ShmSize = h.ShmSize, Sysctls = h.Sysctls,
        Runtime = h.Runtime, Memory = h.Memory, MemorySwap = h.MemorySwap, MemoryReservation = h.MemoryReservation,
        OomKillDisable = h.OomKillDisable, NanoCpus = h.NanoCpus, CpuShares = h.CpuShares, CpuPeriod = h.CpuPeriod,
        CpuQuota = h.CpuQuota, CpusetCpus = h.CpusetCpus, CpusetMems = h.CpusetMems, BlkioWeight = h.BlkioWeight,
        PidsLimit = h.PidsLimit, Devices = h.Devices, DeviceCgroupRules = h.DeviceCgroupRules, Ulimits = h.Ulimits, Init = h.Init, MaskedPaths = h.MaskedPaths, ReadonlyPaths = h.ReadonlyPaths,
        Extra = h.Extra.Count == 0 ? null : new Dictionary<string, JsonElement>(h.Extra),
    };
}
