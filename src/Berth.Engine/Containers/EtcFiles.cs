using Berth.Engine.Files;
using Berth.Core.Containers;

namespace Berth.Engine.Containers;

/// <summary>The /etc/hostname, /etc/hosts and /etc/resolv.conf berthd writes for each container.</summary>
internal static class EtcFiles
{
    private const string LocalHosts =
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    /// <param name="ip">The container's address on the bridge, written to /etc/hosts with its hostname.</param>
    /// <param name="resolver">Berth's resolver for a user-defined network (its gateway), used instead of the host's.</param>
    public static IReadOnlyDictionary<string, string> Write(string dir, Container c, string? ip = null, string? resolver = null)
    {
        bool host = c.HostConfig.NetworkMode == "host";
        var files = new Dictionary<string, string>
        {
            ["hostname"] = Path.Combine(dir, "hostname"),
            ["hosts"] = Path.Combine(dir, "hosts"),
            ["resolv.conf"] = Path.Combine(dir, "resolv.conf"),
        };
        AtomicFile.Write(files["hostname"], c.Config.Hostname + "\n", durable: false);
        AtomicFile.Write(files["hosts"], host && File.Exists("/etc/hosts") ? File.ReadAllText("/etc/hosts") : Hosts(c, ip), durable: false);
        AtomicFile.Write(files["resolv.conf"], ResolvConf(c, host, resolver), durable: false);
        return files;
    }

    private static string Hosts(Container c, string? ip)
    {
        var text = new System.Text.StringBuilder(LocalHosts);
        foreach (string extra in c.HostConfig.ExtraHosts ?? [])
        {
            string[] parts = extra.Split(':', 2);
            if (parts.Length == 2)
                text.Append(parts[1]).Append('\t').Append(parts[0]).Append('\n');
        }
        if (!string.IsNullOrEmpty(ip))
            text.Append(ip).Append('\t').Append(c.Config.Hostname).Append('\n');
        return text.ToString();
    }

    /// <summary>The host's resolvers, without loopback ones the container could not reach (as Docker does).</summary>
    private static string ResolvConf(Container c, bool hostNetwork, string? resolver)
    {
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
            lines.Add("options " + string.Join(' ', options));
        return string.Join('\n', lines) + "\n";
    }
}
