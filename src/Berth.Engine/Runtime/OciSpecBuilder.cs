using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// Writes the OCI runtime spec (config.json) for a container, with Docker's defaults:
/// private pid/mnt/uts/ipc/net namespaces, Docker's capability set, masked and read-only
/// /proc paths, the device allow-list, and rlimits never above the host's hard limits.
/// </summary>
public static class OciSpecBuilder
{
    public static JsonObject Build(SpecInputs s)
    {
        Container c = s.Container;
        var ids = UserResolver.ForProcess(s.Rootfs, c.Config.User, c.HostConfig.GroupAdd);
        var caps = Capabilities(c.HostConfig, s.HostCapabilities);
        IEnumerable<string> command = new[] { c.Path }.Concat(c.Args);
        if (c.HostConfig.Init == true && s.InitBinary is not null)
            command = new[] { InitPath, "--" }.Concat(command);
        var args = new JsonArray(command.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());

        var spec = new JsonObject
        {
            ["ociVersion"] = "1.0.2-dev",
            ["process"] = new JsonObject
            {
                ["terminal"] = c.Config.Tty,
                ["consoleSize"] = ConsoleSize(c),
                ["user"] = new JsonObject
                {
                    ["uid"] = ids.Uid,
                    ["gid"] = ids.Gid,
                    ["additionalGids"] = new JsonArray(ids.AdditionalGids.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray()),
                },
                ["args"] = args,
                ["env"] = Strings(c.Config.Env ?? []),
                ["cwd"] = string.IsNullOrEmpty(c.Config.WorkingDir) ? "/" : c.Config.WorkingDir,
                ["capabilities"] = new JsonObject
                {
                    ["bounding"] = Strings(caps), ["effective"] = Strings(caps), ["permitted"] = Strings(caps),
                },
                ["rlimits"] = Rlimits(c.HostConfig, s.HostNofileHard),
                ["noNewPrivileges"] = c.HostConfig.SecurityOpt?.Any(o => o is "no-new-privileges" or "no-new-privileges:true" or "no-new-privileges=true") ?? false,
                ["oomScoreAdj"] = 0,
            },
            ["root"] = new JsonObject { ["path"] = s.Rootfs, ["readonly"] = c.HostConfig.ReadonlyRootfs },
            ["hostname"] = s.Hostname,
            ["mounts"] = Mounts(c, s),
            ["linux"] = Linux(c, s),
        };
        // In the host's (or another container's) UTS namespace the hostname is not ours to set.
        if (s.SharedNamespaces.ContainsKey("uts"))
            spec.Remove("hostname");
        return spec;
    }

    /// <summary>A container's cgroup, under berthd's own parent.</summary>
    public static string CgroupPath(string containerId) => "/berth/" + containerId;

    /// <summary>Where <c>--init</c>'s init is mounted, as Docker mounts docker-init.</summary>
    public const string InitPath = "/sbin/docker-init";

    private static JsonArray Strings(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static List<string> Capabilities(HostConfig host, IReadOnlyList<string> hostCaps)
    {
        if (host.Privileged)
            return hostCaps.ToList();
        var caps = new List<string>(DefaultSecurity.Capabilities);
        foreach (string drop in (host.CapDrop ?? []).Select(CapabilityNames.Normalize))
        {
            if (drop == "ALL") caps.Clear();
            else caps.Remove(drop);
        }
        foreach (string add in (host.CapAdd ?? []).Select(CapabilityNames.Normalize))
        {
            if (add == "ALL") { caps = hostCaps.ToList(); continue; }
            if (!CapabilityNames.All.ContainsKey(add))
                throw BerthException.Invalid($"invalid capability: {add}");
            if (!caps.Contains(add))
                caps.Add(add);
        }
        return caps.Where(hostCaps.Contains).ToList();
    }

    private static JsonArray Rlimits(HostConfig host, ulong hostNofileHard)
    {
        var limits = new Dictionary<string, (ulong Soft, ulong Hard)>
        {
            ["RLIMIT_NOFILE"] = (Math.Min(1048576UL, hostNofileHard), Math.Min(1048576UL, hostNofileHard)),
        };
        foreach (Ulimit u in host.Ulimits ?? [])
            limits["RLIMIT_" + u.Name.ToUpperInvariant()] = ((ulong)u.Soft, (ulong)u.Hard);
        var result = new JsonArray();
        foreach (var (type, (soft, hard)) in limits)
        {
            ulong h = type == "RLIMIT_NOFILE" ? Math.Min(hard, hostNofileHard) : hard;
            result.Add((JsonNode)new JsonObject { ["type"] = type, ["soft"] = Math.Min(soft, h), ["hard"] = h });
        }
        return result;
    }

    /// <summary>runc sets the terminal to this size before the process starts; absent (null) without a terminal or a size.</summary>
    private static JsonObject? ConsoleSize(Container c) =>
        c.Config.Tty && c.HostConfig.ConsoleSize is [> 0 and var height, > 0 and var width]
            ? new JsonObject { ["height"] = height, ["width"] = width }
            : null;

    private static JsonArray Mounts(Container c, SpecInputs s)
    {
        var mounts = new JsonArray
        {
            (JsonNode)Mount("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
            (JsonNode)Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            (JsonNode)Mount("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            (JsonNode)Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", "ro"]),
            (JsonNode)Mount("/sys/fs/cgroup", "cgroup", "cgroup", ["ro", "nosuid", "noexec", "nodev"]),
            (JsonNode)Mount("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
            (JsonNode)Mount("/dev/shm", "shm", "tmpfs", ["nosuid", "noexec", "nodev", "mode=1777",
                "size=" + (c.HostConfig.ShmSize > 0 ? c.HostConfig.ShmSize : 64L << 20)]),
        };
        // The /etc files and the user's mounts, parents before children (a volume on /etc must not
        // hide /etc/hosts), as Docker sorts them; a user's mount of /etc/hosts itself wins.
        var own = s.EtcFiles.Where(f => !s.Mounts.Any(m => m.Destination == "/etc/" + f.Key))
            .Select(f => ("/etc/" + f.Key, Mount("/etc/" + f.Key, f.Value, "bind", ["rbind", "rprivate"])));
        foreach (var (_, mount) in s.Mounts.Select(m => (m.Destination, UserMount(m))).Concat(own).OrderBy(m => m.Item1.Count(ch => ch == '/')))
            mounts.Add((JsonNode)mount);
        foreach (var (path, options) in c.HostConfig.Tmpfs ?? new Dictionary<string, string>())
            mounts.Add((JsonNode)Mount(AbsoluteMountPath(path, "tmpfs"), "tmpfs", "tmpfs", TmpfsOptions.Merge(options)));
        if (c.HostConfig.Init == true && s.InitBinary is not null)
            mounts.Add((JsonNode)Mount(InitPath, s.InitBinary, "bind", ["bind", "ro"]));
        return mounts;
    }

    private static string AbsoluteMountPath(string path, string type) =>
        path.StartsWith('/') && path.TrimEnd('/').Length > 0 ? path
            : throw BerthException.Invalid($"invalid mount config for type \"{type}\": invalid mount path: '{path}' mount path must be absolute");

    /// <summary>A volume or bind as a recursive bind of its host source (plain with bind-nonrecursive); a tmpfs with Docker's defaults merged in.</summary>
    private static JsonObject UserMount(MountPoint m)
    {
        if (m.Type == "tmpfs")
        {
            var tmpfs = TmpfsOptions.Merge(m.TmpfsOptions ?? "");
            if (!m.RW)
                tmpfs.Add("ro");
            return Mount(m.Destination, "tmpfs", "tmpfs", tmpfs);
        }
        var options = new List<string> { m.NonRecursive ? "bind" : "rbind", m.RW ? "rw" : "ro" };
        if (m.Propagation.Length > 0)
            options.Add(m.Propagation);
        return Mount(m.Destination, m.Source, "bind", options);
    }

    private static JsonObject Mount(string destination, string source, string type, IEnumerable<string> options) => new()
    {
        ["destination"] = destination, ["type"] = type, ["source"] = source, ["options"] = Strings(options),
    };

    private static JsonObject Linux(Container c, SpecInputs s)
    {
        var namespaces = new JsonArray { (JsonNode)Ns("mount") };
        var shared = new Dictionary<string, string>(s.SharedNamespaces);
        if (c.HostConfig.NetworkMode == "host")
            shared["network"] = "host";
        else if (s.NetworkNamespace is not null)
            shared.TryAdd("network", s.NetworkNamespace);
        foreach (string type in new[] { "pid", "ipc", "uts", "network" })
        {
            if (!shared.TryGetValue(type, out string? how))
                namespaces.Add((JsonNode)Ns(type));
            else if (how != "host")
                namespaces.Add((JsonNode)new JsonObject { ["type"] = type, ["path"] = how });
        }

        var devices = new JsonArray { (JsonNode)new JsonObject { ["allow"] = false, ["access"] = "rwm" } };
        foreach (var (type, major, minor, access) in DefaultSecurity.AllowedDevices)
        {
            var rule = new JsonObject { ["allow"] = true, ["type"] = type, ["access"] = access };
            if (major >= 0) rule["major"] = major;
            if (minor >= 0) rule["minor"] = minor;
            devices.Add((JsonNode)rule);
        }

        var linuxDevices = new JsonArray();
        foreach (var mapping in c.HostConfig.Devices ?? [])
        {
            var node = Berth.Linux.Files.FileSystem.StatDevice(mapping.PathOnHost);
            linuxDevices.Add((JsonNode)new JsonObject
            {
                ["path"] = string.IsNullOrEmpty(mapping.PathInContainer) ? mapping.PathOnHost : mapping.PathInContainer,
                ["type"] = node.Type.ToString(), ["major"] = node.Major, ["minor"] = node.Minor,
                ["fileMode"] = node.Mode, ["uid"] = node.Uid, ["gid"] = node.Gid,
            });
            devices.Add((JsonNode)new JsonObject
            {
                ["allow"] = true, ["type"] = node.Type.ToString(), ["major"] = node.Major, ["minor"] = node.Minor,
                ["access"] = string.IsNullOrEmpty(mapping.CgroupPermissions) ? "rwm" : mapping.CgroupPermissions,
            });
        }
        foreach (var rule in DeviceCgroupRules.ToSpec(c.HostConfig.DeviceCgroupRules))
            devices.Add((JsonNode)rule);
        var resources = new JsonObject { ["devices"] = devices };
        ResourceLimits.Apply(c.HostConfig, resources);
        var linux = new JsonObject
        {
            ["resources"] = resources,
            ["cgroupsPath"] = CgroupPath(c.Id),
            ["namespaces"] = namespaces,
        };
        if (linuxDevices.Count > 0)
            linux["devices"] = linuxDevices;
        var sysctl = new JsonObject();
        foreach (var (key, value) in ContainerSysctls.For(c.HostConfig))
            sysctl[key] = value;
        if (sysctl.Count > 0)
            linux["sysctl"] = sysctl;
        if (SeccompProfile.For(c.HostConfig.SecurityOpt, c.HostConfig.Privileged, Capabilities(c.HostConfig, s.HostCapabilities)) is JsonObject seccomp)
            linux["seccomp"] = seccomp;
        if (!c.HostConfig.Privileged)
        {
            // A container created before they were recorded runs with the defaults.
            linux["maskedPaths"] = Strings(c.HostConfig.MaskedPaths ?? DefaultSecurity.MaskedPaths);
            linux["readonlyPaths"] = Strings(c.HostConfig.ReadonlyPaths ?? DefaultSecurity.ReadonlyPaths);
        }
        return linux;
    }

    private static JsonObject Ns(string type) => new() { ["type"] = type };
}
