using System.Net;
using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>
/// One port a container asks to publish, before host ports are chosen: <c>HostPortLow == 0</c>
/// asks for any free port of the ephemeral range, a range (<c>-p 8000-8010:80</c>) for one of it.
/// </summary>
public sealed record PortRequest(int ContainerPort, string Protocol, string HostIp, int HostPortLow, int HostPortHigh)
{
    /// <summary>
    /// What <c>HostConfig.PortBindings</c> asks for, plus (with <c>PublishAllPorts</c>, <c>-P</c>)
    /// every exposed port without a binding, on a random host port. Malformed specs are InvalidArgument.
    /// </summary>
    public static IReadOnlyList<PortRequest> From(HostConfig host, ContainerConfig config)
    {
        var requests = new List<PortRequest>();
        var bound = new HashSet<string>();
        foreach (var (key, bindings) in (host.PortBindings ?? new Dictionary<string, IReadOnlyList<PortBinding>?>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (port, protocol) = ParseKey(key);
            bound.Add($"{port}/{protocol}");
            foreach (var b in bindings is { Count: > 0 } ? bindings : [new PortBinding()])
            {
                string ip = b.HostIp ?? "";
                if (ip.Length > 0 && !IPAddress.TryParse(ip, out _))
                    throw BerthException.Invalid($"invalid IP address: {ip}");
                var (low, high) = ParseHostPort(b.HostPort ?? "");
                requests.Add(new PortRequest(port, protocol, ip, low, high));
            }
        }
        if (host.PublishAllPorts)
            foreach (string key in (config.ExposedPorts ?? new Dictionary<string, object>()).Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var (port, protocol) = ParseKey(key);
                if (bound.Add($"{port}/{protocol}"))
                    requests.Add(new PortRequest(port, protocol, "", 0, 0));
            }
        return requests;
    }

    /// <summary>"80/tcp", "53/udp", "80" (tcp) → port and protocol.</summary>
    public static (int Port, string Protocol) ParseKey(string key)
    {
        string[] parts = key.Split('/', 2);
        string protocol = parts.Length == 2 ? parts[1].ToLowerInvariant() : "tcp";
        if (protocol is not ("tcp" or "udp" or "sctp"))
            throw BerthException.Invalid($"invalid proto: {protocol}");
        if (!int.TryParse(parts[0], out int port) || port is < 1 or > 65535)
            throw BerthException.Invalid($"invalid containerPort: {parts[0]}");
        return (port, protocol);
    }

    private static (int Low, int High) ParseHostPort(string text)
    {
        if (text.Length == 0)
            return (0, 0);
        string[] range = text.Split('-', 2);
        if (!int.TryParse(range[0], out int low) || low is < 0 or > 65535)
            throw BerthException.Invalid($"invalid hostPort: {text}");
        int high = low;
        if (range.Length == 2 && (!int.TryParse(range[1], out high) || high < low || high > 65535))
            throw BerthException.Invalid($"invalid hostPort: {text}");
        return (low, high);
    }
}
