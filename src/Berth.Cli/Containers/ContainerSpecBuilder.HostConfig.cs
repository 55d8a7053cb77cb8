using System.Globalization;
using System.Text.Json;

namespace Berth.Cli.Containers;

internal static partial class ContainerSpecBuilder
{
    private static void WriteHostConfig(Utf8JsonWriter w, ContainerFlags flags, List<PortSpec> ports)
    {
        w.WriteStartObject("HostConfig");
        WriteList(w, "Binds", flags.Volume.Values.Where(v => v.Contains(':')).ToList() is { Count: > 0 } binds ? binds : null);
        w.WriteString("ContainerIDFile", flags.Cidfile.Value);
        w.WriteStartObject("LogConfig");
        w.WriteString("Type", flags.LogDriver.Value);
        w.WriteStartObject("Config");
        foreach (var option in flags.LogOpt.Values.Select(o => o.Split('=', 2)))
        {
            w.WriteString(option[0], option.Length > 1 ? option[1] : string.Empty);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("NetworkMode", flags.Network.Value.Length > 0 ? flags.Network.Value : "default");
        w.WriteStartObject("PortBindings");
        foreach (var group in ports.GroupBy(p => p.ContainerPort))
        {
            w.WriteStartArray(group.Key);
            foreach (var port in group)
            {
                w.WriteStartObject();
                w.WriteString("HostIp", port.HostIp);
                w.WriteString("HostPort", port.HostPort);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        WriteRestartPolicy(w, flags.Restart.Value);
        w.WriteBoolean("AutoRemove", flags.Rm.Value);
        WriteList(w, "VolumesFrom", Nullable(flags.VolumesFrom.Values));
        WriteList(w, "CapAdd", Nullable(flags.CapAdd.Values));
        WriteList(w, "CapDrop", Nullable(flags.CapDrop.Values));
        w.WriteString("CgroupnsMode", flags.Cgroupns.Value);
        WriteList(w, "Dns", flags.Dns.Values);
        WriteList(w, "DnsOptions", flags.DnsOption.Values);
        WriteList(w, "DnsSearch", flags.DnsSearch.Values);
        WriteList(w, "ExtraHosts", Nullable(flags.AddHost.Values));
        WriteList(w, "GroupAdd", Nullable(flags.GroupAdd.Values));
        WriteList(w, "Links", Nullable(flags.Link.Values));
        w.WriteString("IpcMode", flags.Ipc.Value);
        w.WriteString("PidMode", flags.Pid.Value);
        w.WriteBoolean("Privileged", flags.Privileged.Value);
        w.WriteBoolean("PublishAllPorts", flags.PublishAll.Value);
        w.WriteBoolean("ReadonlyRootfs", flags.ReadOnly.Value);
        // As docker's CLI: systempaths=unconfined is no option for the daemon but empty path lists.
        var securityOpts = flags.SecurityOpt.Values.Where(o => o != "systempaths=unconfined").ToList();
        WriteList(w, "SecurityOpt", Nullable(securityOpts));
        if (securityOpts.Count < flags.SecurityOpt.Values.Count)
        {
            WriteList(w, "MaskedPaths", []);
            WriteList(w, "ReadonlyPaths", []);
        }

        w.WriteString("UTSMode", flags.Uts.Value);
        w.WriteString("UsernsMode", flags.Userns.Value);
        if (Bytes(flags.ShmSize) is { } shm)
        {
            w.WriteNumber("ShmSize", shm);
        }

        WriteMap(w, "Sysctls", flags.Sysctl.Values);
        WriteMap(w, "Tmpfs", flags.Tmpfs.Values, separator: ':');
        if (flags.Mount.Values.Count > 0)
        {
            w.WriteStartArray("Mounts");
            foreach (var mount in flags.Mount.Values)
            {
                MountFlag.Write(w, mount);
            }

            w.WriteEndArray();
        }

        w.WriteNumber("CpuShares", flags.CpuShares.Value);
        w.WriteNumber("Memory", Bytes(flags.Memory) ?? 0);
        w.WriteNumber("NanoCpus", NanoCpus(flags.Cpus.Value));
        w.WriteString("CgroupParent", flags.CgroupParent.Value);
        w.WriteString("CpusetCpus", flags.CpusetCpus.Value);
        WriteDevices(w, flags.Device.Values);
        w.WriteNumber("MemoryReservation", Bytes(flags.MemoryReservation) ?? 0);
        w.WriteNumber("MemorySwap", Bytes(flags.MemorySwap) ?? 0);
        if (flags.OomKillDisable.Changed)
        {
            w.WriteBoolean("OomKillDisable", flags.OomKillDisable.Value);
        }

        if (flags.PidsLimit.Changed)
        {
            w.WriteNumber("PidsLimit", flags.PidsLimit.Value);
        }

        WriteUlimits(w, flags.Ulimit.Values);
        if (flags.Init.Changed)
        {
            w.WriteBoolean("Init", flags.Init.Value);
        }

        w.WriteEndObject();
    }

    private static void WriteRestartPolicy(Utf8JsonWriter w, string policy)
    {
        var parts = policy.Split(':', 2);
        var name = parts[0];
        var retries = 0;
        if (name is not ("" or "no" or "always" or "unless-stopped" or "on-failure")
            || (parts.Length > 1 && (name != "on-failure" || !int.TryParse(parts[1], out retries))))
        {
            throw new FormatException($"invalid restart policy format: {policy}");
        }

        w.WriteStartObject("RestartPolicy");
        w.WriteString("Name", name.Length == 0 ? "no" : name);
        w.WriteNumber("MaximumRetryCount", retries);
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyList<string> entries, char separator = '=')
    {
        w.WriteStartObject(name);
        foreach (var entry in entries.Select(e => e.Split(separator, 2)))
        {
            w.WriteString(entry[0], entry.Length > 1 ? entry[1] : string.Empty);
        }

        w.WriteEndObject();
    }

    private static void WriteDevices(Utf8JsonWriter w, IReadOnlyList<string> devices)
    {
        w.WriteStartArray("Devices");
        foreach (var parts in devices.Select(d => d.Split(':')))
        {
            w.WriteStartObject();
            w.WriteString("PathOnHost", parts[0]);
            w.WriteString("PathInContainer", parts.Length > 1 && parts[1].StartsWith('/') ? parts[1] : parts[0]);
            w.WriteString("CgroupPermissions", parts.Length > 1 && !parts[^1].StartsWith('/') ? parts[^1] : "rwm");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteUlimits(Utf8JsonWriter w, IReadOnlyList<string> ulimits)
    {
        w.WriteStartArray("Ulimits");
        foreach (var ulimit in ulimits)
        {
            var (name, limits) = ulimit.Split('=', 2) is [var n, var l] ? (n, l) : throw new FormatException($"invalid ulimit argument: {ulimit}");
            var values = limits.Split(':');
            if (!long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var soft)
                || !long.TryParse(values[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var hard))
            {
                throw new FormatException($"invalid ulimit argument: {ulimit}");
            }

            w.WriteStartObject();
            w.WriteString("Name", name);
            w.WriteNumber("Hard", hard);
            w.WriteNumber("Soft", soft);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static IReadOnlyList<string>? Nullable(IReadOnlyList<string> values) => values.Count == 0 ? null : values;
}
