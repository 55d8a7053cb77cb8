using System.Net;
using System.Net.Sockets;

namespace Berth.Engine.Distribution;

/// <summary>
/// Where a registry domain is served and whether it may be spoken to without verified TLS.
/// As dockerd: <c>docker.io</c> is served by <c>registry-1.docker.io</c>; 127.0.0.0/8 (and
/// <c>localhost</c>, ::1) is insecure by default; <c>insecure-registries</c> entries are
/// <c>host[:port]</c> names or CIDRs. An insecure registry is tried over HTTPS without
/// verification first, then over plain HTTP.
/// </summary>
public sealed class RegistryHosts
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(IPAddress Network, int Prefix)> _networks = [(IPAddress.Parse("127.0.0.0"), 8)];

    /// <param name="mirrors">Docker Hub mirrors (<c>http[s]://host[:port]</c>); a plain-http one is insecure by its own word.</param>
    public RegistryHosts(IEnumerable<string> insecureRegistries, IEnumerable<string>? mirrors = null)
    {
        foreach (string mirror in mirrors ?? [])
        {
            if (!Uri.TryCreate(mirror.Contains("://", StringComparison.Ordinal) ? mirror : "https://" + mirror, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
                throw Core.Errors.BerthException.Invalid($"invalid registry mirror {mirror}: want http[s]://host[:port]");
            Mirrors.Add(uri.Authority);
            if (uri.Scheme == "http")
                _names.Add(uri.Authority);
        }
        foreach (string entry in insecureRegistries)
        {
            string e = entry.Contains("://", StringComparison.Ordinal) ? entry[(entry.IndexOf("://", StringComparison.Ordinal) + 3)..] : entry;
            int slash = e.IndexOf('/');
            if (slash > 0 && IPAddress.TryParse(e[..slash], out var network) && int.TryParse(e[(slash + 1)..], out int prefix))
                _networks.Add((network, prefix));
            else
                _names.Add(e.TrimEnd('/'));
        }
    }

    /// <summary>The Docker Hub mirrors' hosts (host[:port]), tried in this order before Docker Hub.</summary>
    public List<string> Mirrors { get; } = [];

    /// <summary>The host (and port) the registry's API answers on.</summary>
    public static string ApiHost(string domain) => domain == Core.Images.ImageReference.DefaultDomain ? "registry-1.docker.io" : domain;

    /// <summary>The domain a login's server address names: <c>https://index.docker.io/v1/</c> is Docker Hub.</summary>
    public static string DomainOf(string serverAddress)
    {
        string s = serverAddress.Trim();
        int scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            s = s[(scheme + 3)..];
        int slash = s.IndexOf('/');
        if (slash >= 0)
            s = s[..slash];
        return s is "" or "index.docker.io" or "registry-1.docker.io" or "docker.io" ? Core.Images.ImageReference.DefaultDomain : s;
    }

    public bool IsInsecure(string host)
    {
        if (_names.Contains(host))
            return true;
        string name = HostName(host);
        if (_names.Contains(name))
            return true;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!IPAddress.TryParse(name, out var address))
            return false;
        if (IPAddress.IsLoopback(address))
            return true;
        return _networks.Any(n => InNetwork(address, n.Network, n.Prefix));
    }

    private static string HostName(string host)
    {
        if (host.StartsWith('['))
        {
            int close = host.IndexOf(']');
            return close > 0 ? host[1..close] : host;
        }
        int colon = host.LastIndexOf(':');
        return colon > 0 ? host[..colon] : host;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
            return false;
        byte[] a = address.GetAddressBytes(), n = network.GetAddressBytes();
        for (int bit = 0; bit < prefix && bit < a.Length * 8; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
                return false;
        }
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }
}
