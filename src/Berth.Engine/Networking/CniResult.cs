using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Engine.Networking;

/// <summary>The part of a CNI ADD result a container's inspect shows: its address on eth0 and eth0's MAC.</summary>
public sealed record CniResult(string IPAddress, int PrefixLength, string Gateway, string MacAddress)
{
    public static CniResult Parse(string json, string ifName = "eth0")
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var interfaces = root.TryGetProperty("interfaces", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().ToList() : [];
        if (!root.TryGetProperty("ips", out var ips) || ips.ValueKind != JsonValueKind.Array)
            throw new BerthException(ErrorKind.Internal, "CNI result has no IP address");
        foreach (var ip in ips.EnumerateArray())
        {
            string address = ip.GetProperty("address").GetString() ?? "";
            if (address.Contains(':'))
                continue; // IPv6 comes later
            // The interface index points into "interfaces"; without one, take the sandbox's interface.
            JsonElement? iface = ip.TryGetProperty("interface", out var index) && index.GetInt32() < interfaces.Count ? interfaces[index.GetInt32()]
                : interfaces.Cast<JsonElement?>().FirstOrDefault(x => x!.Value.TryGetProperty("name", out var n) && n.GetString() == ifName);
            string mac = iface is { } f && f.TryGetProperty("mac", out var m) ? m.GetString() ?? "" : "";
            string[] parts = address.Split('/');
            string gateway = ip.TryGetProperty("gateway", out var g) ? g.GetString() ?? "" : "";
            return new CniResult(parts[0], parts.Length > 1 ? int.Parse(parts[1]) : 32, gateway, mac);
        }
        throw new BerthException(ErrorKind.Internal, "CNI result has no IPv4 address");
    }
}
