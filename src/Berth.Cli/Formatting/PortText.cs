using System.Text.Json;

namespace Berth.Cli.Formatting;

/// <summary>docker's <c>DisplayablePorts</c>: "0.0.0.0:8080->80/tcp, 443/tcp", consecutive ports grouped into ranges.</summary>
internal static class PortText
{
    private sealed record Port(string Ip, int PrivatePort, int PublicPort, string Type);

    public static string Displayable(JsonElement ports)
    {
        if (ports.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var list = ports.EnumerateArray()
            .Select(p => new Port(ContainerRows.Str(p, "IP"), (int)ContainerRows.Long(p, "PrivatePort"), (int)ContainerRows.Long(p, "PublicPort"), ContainerRows.Str(p, "Type")))
            .OrderBy(p => p.PrivatePort).ThenBy(p => p.Ip, StringComparer.Ordinal).ThenBy(p => p.PublicPort).ThenBy(p => p.Type, StringComparer.Ordinal)
            .ToList();
        var groups = new Dictionary<string, (int First, int Last)>();
        var order = new List<string>();
        var result = new List<string>();
        var hostMappings = new List<string>();
        foreach (var port in list)
        {
            var key = port.Type;
            if (port.Ip.Length > 0)
            {
                if (port.PublicPort != port.PrivatePort)
                {
                    var host = port.Ip.Contains(':') ? $"[{port.Ip}]" : port.Ip;
                    hostMappings.Add($"{host}:{port.PublicPort}->{port.PrivatePort}/{port.Type}");
                    continue;
                }

                key = port.Ip + "/" + port.Type;
            }

            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = (port.PrivatePort, port.PrivatePort);
                order.Add(key);
                continue;
            }

            if (port.PrivatePort == group.Last + 1)
            {
                groups[key] = (group.First, port.PrivatePort);
                continue;
            }

            result.Add(FormGroup(key, group.First, group.Last));
            groups[key] = (port.PrivatePort, port.PrivatePort);
        }

        result.AddRange(order.Select(k => FormGroup(k, groups[k].First, groups[k].Last)));
        result.AddRange(hostMappings);
        return string.Join(", ", result);
    }

    private static string FormGroup(string key, int first, int last)
    {
        var slash = key.LastIndexOf('/');
        var ip = slash >= 0 ? key[..slash] : string.Empty;
        var type = slash >= 0 ? key[(slash + 1)..] : key;
        var group = first == last ? first.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{first}-{last}";
        if (ip.Length > 0)
        {
            group = $"{ip}:{group}->{group}";
        }

        return $"{group}/{type}";
    }
}
