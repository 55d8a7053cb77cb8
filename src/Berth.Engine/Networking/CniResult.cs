using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>
/// The part of a CNI ADD result a container's inspect shows: its IPv4 address on the interface
/// and the interface's MAC, and its IPv6 address when the network gives one.
/// </summary>
public sealed record CniResult(string IPAddress, int PrefixLength, string Gateway, string MacAddress)
{
    public string IPv6Address { get; init; } = "";
    public int IPv6PrefixLength { get; init; }
    public string IPv6Gateway { get; init; } = "";

    public static CniResult Parse(string json, string ifName = "eth0")
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var interfaces = root.TryGetProperty("interfaces", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().ToList() : [];
        if (!root.TryGetProperty("ips", out var ips) || ips.ValueKind != JsonValueKind.Array)
            throw new BerthException(ErrorKind.Internal, "CNI result has no IP address");
        CniResult? v4 = null;
        (string Address, int Prefix, string Gateway)? v6 = null;
        foreach (var ip in ips.EnumerateArray())
        {
            string address = ip.GetProperty("address").GetString() ?? "";
            string[] parts = address.Split('/');
            string gateway = ip.TryGetProperty("gateway", out var g) ? g.GetString() ?? "" : "";
            if (address.Contains(':'))
            {
                v6 ??= (parts[0], parts.Length > 1 ? int.Parse(parts[1]) : 128, gateway);
                continue;
            }
            if (v4 is not null)
                continue;
            // The interface index points into "interfaces"; without one, take the sandbox's interface.
            JsonElement? iface = ip.TryGetProperty("interface", out var index) && index.GetInt32() < interfaces.Count ? interfaces[index.GetInt32()]
                : interfaces.Cast<JsonElement?>().FirstOrDefault(x => x!.Value.TryGetProperty("name", out var n) && n.GetString() == ifName);
            string mac = iface is { } f && f.TryGetProperty("mac", out var m) ? m.GetString() ?? "" : "";
            v4 = new CniResult(parts[0], parts.Length > 1 ? int.Parse(parts[1]) : 32, gateway, mac);
        }
        if (v4 is null)
            throw new BerthException(ErrorKind.Internal, "CNI result has no IPv4 address");
        return v6 is var (a6, p6, g6) ? v4 with { IPv6Address = a6, IPv6PrefixLength = p6, IPv6Gateway = g6 } : v4;
    }
}
