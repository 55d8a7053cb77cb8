using System.Text.Json.Serialization;
using Berth.Core.Containers;

namespace Berth.Daemon.Api.Models;

/// <summary>A container as <c>GET /containers/{id}/json</c> shows it.</summary>
internal static class ContainerViews
{
    /// <param name="networkIds">the IDs of the user-defined networks the container names, by name.</param>
    public static ContainerInspectView Inspect(Container c, string rootfs, string upper, string dir, string logPath, IReadOnlyDictionary<string, string> networkIds) => new(
        Id: c.Id,
        Created: GoTime.Format(c.Created),
        Path: c.Path,
        Args: c.Args,
        State: new StateView(
            Status: c.State.Status.ToString().ToLowerInvariant(),
            Running: c.State.Status is ContainerStatus.Running or ContainerStatus.Paused,
            Paused: c.State.Status == ContainerStatus.Paused,
            Restarting: c.State.Status == ContainerStatus.Restarting,
            OOMKilled: c.State.OOMKilled,
            Dead: c.State.Status == ContainerStatus.Dead,
            Pid: c.State.Pid,
            ExitCode: c.State.ExitCode,
            Error: c.State.Error,
            StartedAt: GoTime.Format(c.State.StartedAt),
            FinishedAt: GoTime.Format(c.State.FinishedAt),
            Health: c.State.Health is { } h ? new HealthView(
                h.Status, h.FailingStreak,
                Log: h.Log.Select(p => new HealthProbeView(Start: GoTime.Format(p.Start), End: GoTime.Format(p.End), p.ExitCode, p.Output)).ToList()) : null),
        Image: c.ImageId,
        ResolvConfPath: System.IO.Path.Combine(dir, "resolv.conf"),
        HostnamePath: System.IO.Path.Combine(dir, "hostname"),
        HostsPath: System.IO.Path.Combine(dir, "hosts"),
        LogPath: logPath,
        Name: "/" + c.Name,
        RestartCount: c.RestartCount,
        Driver: c.Driver,
        Platform: "linux",
        MountLabel: "",
        ProcessLabel: "",
        AppArmorProfile: "",
        ExecIDs: null,
        HostConfig: HostConfigModel.Inspected(c.HostConfig),
        GraphDriver: new ContainerGraphDriverView(
            Data: new ContainerLayerDirs(MergedDir: rootfs, UpperDir: upper, WorkDir: System.IO.Path.Combine(System.IO.Path.GetDirectoryName(upper)!, "work")),
            Name: "overlay2"),
        Mounts: MountViews(c),
        Config: ContainerConfigModel.Inspected(c.Config),
        NetworkSettings: Network(c, networkIds));

    /// <summary>A row of <c>GET /containers/json</c>.</summary>
    /// <param name="sizes">the writable layer's and the whole root filesystem's bytes, asked for with <c>size=1</c> (<c>ps -s</c>).</param>
    public static ContainerSummaryView Summary(Container c, string imageName, IReadOnlyDictionary<string, string> networkIds, (long Rw, long RootFs)? sizes = null) => new(
        Id: c.Id,
        Names: ["/" + c.Name],
        Image: imageName,
        ImageID: c.ImageId,
        // As dockerd: an argument with a space in it is shown in single quotes.
        Command: string.Join(' ', c.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a).Prepend(c.Path)),
        Created: GoTime.Unix(c.Created),
        Ports: PortList(c),
        SizeRw: sizes?.Rw,
        SizeRootFs: sizes?.RootFs,
        Labels: c.Config.Labels ?? new Dictionary<string, string>(),
        State: c.State.Status.ToString().ToLowerInvariant(),
        Status: Status(c),
        HostConfig: new SummaryHostConfig(c.HostConfig.NetworkMode),
        NetworkSettings: new SummaryNetworkSettings(Networks(c, networkIds)),
        Mounts: MountViews(c));

    /// <summary>Inspect's and the list's <c>Mounts</c>: Name and Driver only for volumes, as Docker.</summary>
    private static List<object> MountViews(Container c) => c.Mounts.Select(m => m.Type == "volume"
        ? (object)new VolumeMountView(m.Type, m.Name, m.Source, m.Destination, m.Driver, m.Mode, m.RW, m.Propagation)
        : new MountView(m.Type, m.Source, m.Destination, m.Mode, m.RW, m.Propagation)).ToList();

    /// <summary>"Up 3 seconds", "Exited (0) 2 minutes ago", "Created" — the PS STATUS column.</summary>
    public static string Status(Container c)
    {
        var now = DateTime.UtcNow;
        return c.State.Status switch
        {
            ContainerStatus.Running => "Up " + HumanDuration.Format(now - c.State.StartedAt) + HealthSuffix(c),
            ContainerStatus.Paused => "Up " + HumanDuration.Format(now - c.State.StartedAt) + " (Paused)",
            ContainerStatus.Restarting => $"Restarting ({c.State.ExitCode}) {HumanDuration.Format(now - c.State.FinishedAt)} ago",
            ContainerStatus.Exited when c.State.FinishedAt != default => $"Exited ({c.State.ExitCode}) {HumanDuration.Format(now - c.State.FinishedAt)} ago",
            ContainerStatus.Removing => "Removal In Progress",
            ContainerStatus.Dead => "Dead",
            _ => "Created",
        };
    }

    /// <summary>" (healthy)", " (unhealthy)", " (health: starting)", as in Docker's ps.</summary>
    private static string HealthSuffix(Container c) => c.State.Health?.Status switch
    {
        null => "",
        "starting" => " (health: starting)",
        var s => $" ({s})",
    };

    private static NetworkSettingsView Network(Container c, IReadOnlyDictionary<string, string> networkIds)
    {
        // The top-level address fields are the default bridge's only, as Docker's (deprecated there).
        var net = c.State.Networks.FirstOrDefault(a => a.Network == Engine.Networking.CniConfig.NetworkName);
        return new(
            Bridge: "",
            SandboxID: c.State.Networks.Count == 0 ? "" : c.Id,
            SandboxKey: c.State.Networks.FirstOrDefault()?.SandboxKey ?? "",
            Ports: Ports(c),
            HairpinMode: false,
            LinkLocalIPv6Address: "",
            LinkLocalIPv6PrefixLen: 0,
            SecondaryIPAddresses: null,
            SecondaryIPv6Addresses: null,
            EndpointID: net is null ? "" : EndpointId(c, net.Network),
            Gateway: net?.Gateway ?? "",
            GlobalIPv6Address: net?.GlobalIPv6Address ?? "",
            GlobalIPv6PrefixLen: net?.GlobalIPv6PrefixLen ?? 0,
            IPAddress: net?.IPAddress ?? "",
            IPPrefixLen: net?.IPPrefixLen ?? 0,
            IPv6Gateway: net?.IPv6Gateway ?? "",
            MacAddress: net?.MacAddress ?? "",
            Networks: Networks(c, networkIds));
    }

    /// <summary>NetworkSettings.Ports: every exposed or published port of a running container, null when not published.</summary>
    private static Dictionary<string, List<HostPortView>?> Ports(Container c)
    {
        var ports = new Dictionary<string, List<HostPortView>?>();
        if (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            return ports;
        foreach (string key in (c.Config.ExposedPorts ?? new Dictionary<string, object>()).Keys)
            ports[Key(key)] = null;
        foreach (var group in ShownPorts.Of(c).GroupBy(p => $"{p.ContainerPort}/{p.Protocol}"))
            ports[group.Key] = group.Select(p => new HostPortView(HostIp: p.HostIp, HostPort: p.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return ports;
    }

    private static string Key(string key) => key.Contains('/') ? key : key + "/tcp";

    /// <summary>The Ports of a <c>GET /containers/json</c> row.</summary>
    private static List<object> PortList(Container c)
    {
        var list = new List<object>();
        if (c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            return list;
        var published = ShownPorts.Of(c).ToList();
        foreach (var p in published)
            list.Add(new PublishedPortView(IP: p.HostIp, PrivatePort: p.ContainerPort, PublicPort: p.HostPort, Type: p.Protocol));
        foreach (string key in (c.Config.ExposedPorts ?? new Dictionary<string, object>()).Keys.Select(Key))
        {
            string[] parts = key.Split('/');
            if (int.TryParse(parts[0], out int port) && !published.Any(p => p.ContainerPort == port && p.Protocol == parts[1]))
                list.Add(new ExposedPortView(PrivatePort: port, Type: parts[1]));
        }
        return list;
    }

    /// <summary>A stable ID for a container's endpoint on a network, the same in container and network inspect.</summary>
    internal static string EndpointId(Container c, string network) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"endpoint:{c.Id}:{network}")));

    /// <summary>
    /// NetworkSettings.Networks: a running container's interfaces, or the networks a stopped
    /// one will join (without addresses); host, none and container: as their own entry.
    /// </summary>
    private static Dictionary<string, EndpointView> Networks(Container c, IReadOnlyDictionary<string, string> networkIds)
    {
        var networks = new Dictionary<string, EndpointView>();
        foreach (string name in NetworkNames(c))
            networks[name] = Endpoint(c, name, c.State.Networks.FirstOrDefault(a => a.Network == name), networkIds);
        return networks;
    }

    /// <summary>
    /// The keys of <c>NetworkSettings.Networks</c>: the networks joined while running, else the
    /// network mode's and the other networks the container will join.
    /// </summary>
    public static IEnumerable<string> NetworkNames(Container c)
    {
        if (c.State.Networks.Count > 0)
            return c.State.Networks.Select(a => a.Network).Distinct();
        string mode = c.HostConfig.NetworkMode is "" or "default" ? "bridge" : c.HostConfig.NetworkMode;
        return (c.OffModeNetwork ? [] : new[] { mode }).Concat(c.Endpoints.Keys.Where(k => k != mode));
    }

    /// <summary>The endpoint's IPAMConfig as Docker shows it: only the fields given (Go's omitempty), null when none.</summary>
    private static EndpointIpamView? IpamConfig(Core.Networking.EndpointConfig? asked)
    {
        var ipam = new EndpointIpamView(
            asked is { IPv4Address.Length: > 0 } ? asked.IPv4Address : null,
            asked is { IPv6Address.Length: > 0 } ? asked.IPv6Address : null,
            asked is { LinkLocalIPs.Count: > 0 } ? asked.LinkLocalIPs : null);
        return ipam is { IPv4Address: null, IPv6Address: null, LinkLocalIPs: null } ? null : ipam;
    }

    /// <summary>
    /// Inspect as clients below API 1.45 see it: a user-defined network's <c>Aliases</c> also
    /// hold the short ID and the hostname, where moby put them before <c>DNSNames</c> came.
    /// </summary>
    public static ContainerInspectView BelowApi145(ContainerInspectView view, Container c) => view with
    {
        NetworkSettings = view.NetworkSettings with
        {
            Networks = view.NetworkSettings.Networks.ToDictionary(n => n.Key, n => IsUserDefined(n.Key)
                ? n.Value with { Aliases = n.Value.Aliases.Concat([c.Id[..12], c.Config.Hostname]).Where(x => x.Length > 0).Distinct().ToList() }
                : n.Value),
        },
    };

    private static bool IsUserDefined(string network) =>
        Engine.Networking.PredefinedNetworks.Find(network) is null && !network.StartsWith("container:", StringComparison.Ordinal);

    private static EndpointView Endpoint(Container c, string network, Core.Networking.NetworkAttachment? a, IReadOnlyDictionary<string, string> networkIds)
    {
        var predefined = Engine.Networking.PredefinedNetworks.Find(network);
        bool userDefined = IsUserDefined(network);
        c.Endpoints.TryGetValue(network, out var asked);
        var aliases = c.AliasesOn(network);
        return new(
            IPAMConfig: IpamConfig(asked),
            Links: asked?.Links ?? [],
            Aliases: userDefined ? aliases : [],
            MacAddress: a?.MacAddress ?? "",
            DriverOpts: asked is { DriverOpts.Count: > 0 } ? asked.DriverOpts : null, GwPriority: 0,
            NetworkID: predefined?.Id ?? networkIds.GetValueOrDefault(network) ?? "",
            EndpointID: a is null ? "" : EndpointId(c, network), Gateway: a?.Gateway ?? "", IPAddress: a?.IPAddress ?? "",
            IPPrefixLen: a?.IPPrefixLen ?? 0, IPv6Gateway: a?.IPv6Gateway ?? "",
            GlobalIPv6Address: a?.GlobalIPv6Address ?? "", GlobalIPv6PrefixLen: a?.GlobalIPv6PrefixLen ?? 0,
            // The names Berth's resolver answers for it on a user-defined network, in moby's order.
            DNSNames: userDefined && a is not null
                ? new[] { c.Name }.Concat(aliases).Append(c.Id[..12]).Append(c.Config.Hostname).Where(n => n.Length > 0).Distinct().ToArray()
                : null);
    }

    // The wire shapes, fields in Docker's order.
    internal sealed record ContainerInspectView(string Id, string Created, string Path, IReadOnlyList<string> Args, StateView State, string Image,
        string ResolvConfPath, string HostnamePath, string HostsPath, string LogPath, string Name, int RestartCount, string Driver,
        string Platform, string MountLabel, string ProcessLabel, string AppArmorProfile, string[]? ExecIDs, HostConfigModel HostConfig,
        ContainerGraphDriverView GraphDriver, List<object> Mounts, ContainerConfigModel Config, NetworkSettingsView NetworkSettings);

    internal sealed record StateView(string Status, bool Running, bool Paused, bool Restarting, bool OOMKilled, bool Dead, int Pid,
        int ExitCode, string Error, string StartedAt, string FinishedAt, HealthView? Health);

    internal sealed record HealthView(string Status, int FailingStreak, List<HealthProbeView> Log);

    internal sealed record HealthProbeView(string Start, string End, int ExitCode, string Output);

    internal sealed record ContainerGraphDriverView(ContainerLayerDirs Data, string Name);

    internal sealed record ContainerLayerDirs(string MergedDir, string UpperDir, string WorkDir);

    internal sealed record VolumeMountView(string Type, string? Name, string Source, string Destination, string? Driver, string Mode, bool RW, string Propagation);

    internal sealed record MountView(string Type, string Source, string Destination, string Mode, bool RW, string Propagation);

    internal sealed record ContainerSummaryView(string Id, string[] Names, string Image, string ImageID, string Command, long Created, List<object> Ports,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SizeRw,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SizeRootFs,
        IReadOnlyDictionary<string, string> Labels, string State, string Status, SummaryHostConfig HostConfig,
        SummaryNetworkSettings NetworkSettings, List<object> Mounts);

    internal sealed record SummaryHostConfig(string NetworkMode);

    internal sealed record SummaryNetworkSettings(Dictionary<string, EndpointView> Networks);

    internal sealed record PublishedPortView(string IP, int PrivatePort, int PublicPort, string Type);

    internal sealed record ExposedPortView(int PrivatePort, string Type);

    internal sealed record HostPortView(string HostIp, string HostPort);

    internal sealed record NetworkSettingsView(string Bridge, string SandboxID, string SandboxKey, Dictionary<string, List<HostPortView>?> Ports,
        bool HairpinMode, string LinkLocalIPv6Address, int LinkLocalIPv6PrefixLen, object? SecondaryIPAddresses, object? SecondaryIPv6Addresses,
        string EndpointID, string Gateway, string GlobalIPv6Address, int GlobalIPv6PrefixLen, string IPAddress, int IPPrefixLen,
        string IPv6Gateway, string MacAddress, Dictionary<string, EndpointView> Networks);

    internal sealed record EndpointView(EndpointIpamView? IPAMConfig, IReadOnlyList<string> Links, IReadOnlyList<string> Aliases, string MacAddress,
        IReadOnlyDictionary<string, string>? DriverOpts, int GwPriority, string NetworkID, string EndpointID, string Gateway, string IPAddress,
        int IPPrefixLen, string IPv6Gateway, string GlobalIPv6Address, int GlobalIPv6PrefixLen, string[]? DNSNames);

    /// <summary>Only the fields given, as Go's omitempty writes them.</summary>
    internal sealed record EndpointIpamView(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IPv4Address,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IPv6Address,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? LinkLocalIPs);
}
