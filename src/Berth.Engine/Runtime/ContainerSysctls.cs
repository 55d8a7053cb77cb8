using Berth.Core.Containers;

namespace Berth.Engine.Runtime;

/// <summary>
/// The spec's <c>linux.sysctl</c>, as dockerd 20.10 makes it: in a network namespace of the
/// container's own, any port may be bound and any group may ping (what the host's defaults
/// forbid to a non-root process); then <c>--sysctl</c>, which wins. The daemon checks nothing
/// here: runc refuses at start what is not namespaced, or is in a namespace shared with the
/// host, and that refusal is Docker's error.
/// </summary>
public static class ContainerSysctls
{
    public static IReadOnlyDictionary<string, string> For(HostConfig host)
    {
        var sysctls = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // A joined namespace (host's or another container's) keeps the values it has.
        if (host.NetworkMode != "host" && !host.NetworkMode.StartsWith("container:", StringComparison.Ordinal))
        {
            sysctls["net.ipv4.ip_unprivileged_port_start"] = "0";
            sysctls["net.ipv4.ping_group_range"] = "0 2147483647";
        }
        foreach (var (key, value) in host.Sysctls ?? new Dictionary<string, string>())
            sysctls[key] = value;
        return sysctls;
    }
}
