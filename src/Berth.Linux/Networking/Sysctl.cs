namespace Berth.Linux.Networking;

/// <summary>Kernel settings through procfs (<c>/proc/sys</c>), as <c>sysctl -w</c> writes them, without a process.</summary>
public static class Sysctl
{
    /// <summary>Sets <paramref name="key"/> (<c>net/ipv4/conf/br0/route_localnet</c>) unless it already has the value.</summary>
    public static void Set(string key, string value)
    {
        string path = Path.Combine("/proc/sys", key);
        if (File.ReadAllText(path).Trim() != value)
            File.WriteAllText(path, value);
    }
}
