namespace Berth.Engine.Runtime;

/// <summary>Docker's defaults for what a container may do (moby <c>oci/caps/defaults.go</c>, <c>oci/defaults.go</c>).</summary>
public static class DefaultSecurity
{
    public static readonly string[] Capabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    public static readonly string[] MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
        "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    public static readonly string[] ReadonlyPaths =
    [
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    ];

    /// <summary>The device cgroup allow-list: type, major, minor (-1 = any), access.</summary>
    public static readonly (string Type, long Major, long Minor, string Access)[] AllowedDevices =
    [
        ("c", -1, -1, "m"), ("b", -1, -1, "m"),
        ("c", 1, 3, "rwm"), ("c", 1, 5, "rwm"), ("c", 1, 7, "rwm"), ("c", 1, 8, "rwm"), ("c", 1, 9, "rwm"),
        ("c", 5, 0, "rwm"), ("c", 5, 1, "rwm"), ("c", 5, 2, "rwm"), ("c", 136, -1, "rwm"), ("c", 10, 200, "rwm"),
    ];

    /// <summary>Capabilities this host grants; asking runc for more makes it fail.</summary>
    public static IReadOnlyList<string> HostCapabilities()
    {
        ulong bounding = 0;
        foreach (string line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("CapBnd:", StringComparison.Ordinal))
                bounding = Convert.ToUInt64(line[7..].Trim(), 16);
        return CapabilityNames.All.Where(c => (bounding & (1UL << c.Value)) != 0).Select(c => c.Key).ToList();
    }
}
