using System.Text.Json;
using Berth.Core.Networking;

namespace Berth.Daemon.Api;

/// <summary>The Engine API's <c>EndpointSettings</c> as create and <c>network connect</c> send them.</summary>
internal static class EndpointConfigs
{
    public static EndpointConfig Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return new EndpointConfig();
        var aliases = e.TryGetProperty("Aliases", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : "").Where(x => x.Length > 0).ToList()
            : [];
        string ip = e.TryGetProperty("IPAMConfig", out var ipam) && ipam.ValueKind == JsonValueKind.Object ? Text(ipam, "IPv4Address") : "";
        return new EndpointConfig { Aliases = aliases, IPv4Address = ip, MacAddress = Text(e, "MacAddress") };
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
