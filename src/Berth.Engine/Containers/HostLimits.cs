namespace Berth.Engine.Containers;

/// <summary>What this host allows, read once: a spec asking for more makes runc fail.</summary>
internal static class HostLimits
{
    public static readonly ulong NofileHard = ReadNofileHard();
    public static readonly IReadOnlyList<string> Capabilities = Runtime.DefaultSecurity.HostCapabilities();

    /// <summary>A statically linked init to bind into containers run with <c>--init</c> (Debian's tini).</summary>
    public static readonly string? InitBinary = new[] { "/usr/bin/tini-static", "/usr/libexec/docker/docker-init" }.FirstOrDefault(File.Exists);

    private static ulong ReadNofileHard()
    {
        foreach (string line in File.ReadLines("/proc/self/limits"))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
                continue;
            string[] fields = line[14..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields[1] == "unlimited" ? ulong.MaxValue : ulong.Parse(fields[1]);
        }
        return 1024;
    }
}
