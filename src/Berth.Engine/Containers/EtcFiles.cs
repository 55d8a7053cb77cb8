using Berth.Core.Containers;
using Berth.Core.Networking;

namespace Berth.Engine.Containers;

/// <summary>A container's legacy link (<c>--link NAME:ALIAS</c>) as /etc/hosts and the environment show it.</summary>
internal sealed record LinkedContainer(string Alias, Container Target, string IPAddress);

/// <summary>What a container's /etc files say about its networks.</summary>
internal sealed record EtcNetworking
{
    /// <summary>Its interfaces; each address names it in /etc/hosts.</summary>
    public IReadOnlyList<NetworkAttachment> Attachments { get; init; } = [];
    /// <summary>Berth's resolver for a user-defined network (its gateway), used instead of the host's.</summary>
    public string? Resolver { get; init; }
    /// <summary>What <c>--add-host NAME:host-gateway</c> means: the default bridge's gateway, as Docker's.</summary>
    public string HostGateway { get; init; } = "";
    public IReadOnlyList<LinkedContainer> Links { get; init; } = [];
}

/// <summary>The /etc/hostname, /etc/hosts and /etc/resolv.conf berthd writes for each container.</summary>
internal static class EtcFiles
{
    private const string LocalHosts =
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    /// <summary>
    /// Writes the three files before the container starts; returns name → path for the spec's
    /// bind mounts. In place, not by temp file and rename: nothing reads them until the
    /// container runs, a start cut short by a crash is followed by another start that writes
    /// them again, and a restarted container's files keep their inodes (a new inode per file
    /// and start is an ext4 inode allocation on the data root).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Write(string dir, Container c, EtcNetworking net)
    {
        var files = PathsIn(dir);
        File.WriteAllText(files["hostname"], c.Config.Hostname + "\n");
        File.WriteAllText(files["hosts"], HostsText(c, net));
        File.WriteAllText(files["resolv.conf"], ResolvConf(c, net.Resolver));
        return files;
    }

    /// <summary>
    /// Rewrites /etc/hosts and /etc/resolv.conf of a running container after <c>network
    /// connect</c> or <c>disconnect</c>. In place, not by rename: the container sees the files
    /// through bind mounts of these very inodes.
    /// </summary>
    public static void Rewrite(string dir, Container c, EtcNetworking net)
    {
        var files = PathsIn(dir);
        File.WriteAllText(files["hosts"], HostsText(c, net));
        File.WriteAllText(files["resolv.conf"], ResolvConf(c, net.Resolver));
    }

    private static Dictionary<string, string> PathsIn(string dir) => new()
    {
        ["hostname"] = Path.Combine(dir, "hostname"),
        ["hosts"] = Path.Combine(dir, "hosts"),
        ["resolv.conf"] = Path.Combine(dir, "resolv.conf"),
    };

    private static bool HostNetwork(Container c) => c.HostConfig.NetworkMode == "host";

    private static string HostsText(Container c, EtcNetworking net)
    {
        if (HostNetwork(c) && File.Exists("/etc/hosts"))
            return File.ReadAllText("/etc/hosts");
        var text = new System.Text.StringBuilder(LocalHosts);
        foreach (string extra in c.HostConfig.ExtraHosts ?? [])
        {
            string[] parts = extra.Split(':', 2);
            if (parts.Length == 2)
                text.Append(parts[1] == "host-gateway" ? net.HostGateway : parts[1]).Append('\t').Append(parts[0]).Append('\n');
        }
        foreach (var link in net.Links)
        {
            string id = link.Target.Id[..12];
            text.Append(link.IPAddress).Append('\t').Append(link.Alias == link.Target.Name ? $"{link.Alias} {id}" : $"{link.Alias} {id} {link.Target.Name}").Append('\n');
        }
        string names = HostNames(c.Config);
        foreach (var a in net.Attachments.Where(a => a.IPAddress.Length > 0))
            text.Append(a.IPAddress).Append('\t').Append(names).Append('\n');
        foreach (var a in net.Attachments.Where(a => a.GlobalIPv6Address.Length > 0))
            text.Append(a.GlobalIPv6Address).Append('\t').Append(names).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The container's own names, as libnetwork writes them: the full name (hostname, dot,
    /// domain name), then the part before its first dot when it has one.
    /// </summary>
    internal static string HostNames(ContainerConfig config)
    {
        string fqdn = config.Domainname.Length > 0 ? $"{config.Hostname}.{config.Domainname}" : config.Hostname;
        int dot = fqdn.IndexOf('.');
        return dot > 0 ? $"{fqdn} {fqdn[..dot]}" : fqdn;
    }

    /// <summary>The host's resolvers, without loopback ones the container could not reach (as Docker does).</summary>
    private static string ResolvConf(Container c, string? resolver)
    {
        bool hostNetwork = HostNetwork(c);
        var lines = File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf").ToList() : [];
        if (!hostNetwork)
            lines.RemoveAll(l => l.StartsWith("nameserver", StringComparison.Ordinal) && (l.Contains(" 127.") || l.Contains(" ::1")));
        if (resolver is not null && c.HostConfig.Dns is not { Count: > 0 })
        {
            // Names of the network's containers first; the resolver forwards the rest to the host's.
            lines.RemoveAll(l => l.StartsWith("nameserver", StringComparison.Ordinal));
            lines.Add("nameserver " + resolver);
        }
        if (c.HostConfig.Dns is { Count: > 0 } dns)
        {
            lines.RemoveAll(l => l.StartsWith("nameserver", StringComparison.Ordinal));
            lines.AddRange(dns.Select(d => "nameserver " + d));
        }
        if (c.HostConfig.DnsSearch is { Count: > 0 } search)
        {
            lines.RemoveAll(l => l.StartsWith("search", StringComparison.Ordinal));
            lines.Add("search " + string.Join(' ', search));
        }
        if (c.HostConfig.DnsOptions is { Count: > 0 } options)
        {
            lines.RemoveAll(l => l.StartsWith("options", StringComparison.Ordinal));
            lines.Add("options " + string.Join(' ', options));
        }
        return string.Join('\n', lines) + "\n";
    }
}
