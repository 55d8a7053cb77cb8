using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Events;

namespace Berth.Daemon.Api;

/// <summary>The <c>filters</c> of <c>GET /events</c>: type, container, image, event, label.</summary>
internal sealed class EventFilter(Dictionary<string, List<string>> terms)
{
    public static EventFilter Parse(string? json)
    {
        var terms = new Dictionary<string, List<string>>();
        if (string.IsNullOrEmpty(json))
            return new EventFilter(terms);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name is not ("type" or "container" or "image" or "event" or "label" or "network" or "volume" or "daemon" or "scope"))
                throw BerthException.Invalid($"invalid filter '{p.Name}'");
            terms[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                : p.Value.EnumerateObject().Select(v => v.Name).ToList();
        }
        return new EventFilter(terms);
    }

    public bool Matches(EngineEvent e) => terms.All(t => t.Key switch
    {
        "type" => t.Value.Contains(e.Type),
        "container" => e.Type == "container" && t.Value.Any(v => e.ActorId.StartsWith(v, StringComparison.Ordinal) || Attribute(e, "name") == v),
        "image" => t.Value.Any(v => Attribute(e, "image") == v || Attribute(e, "name") == v || e.ActorId == v || e.ActorId.StartsWith("sha256:" + v, StringComparison.Ordinal)),
        "event" => t.Value.Any(v => e.Action == v || e.Action.StartsWith(v + ":", StringComparison.Ordinal)),
        "label" => t.Value.All(v =>
        {
            int eq = v.IndexOf('=');
            return eq < 0 ? e.Attributes.ContainsKey(v) : Attribute(e, v[..eq]) == v[(eq + 1)..];
        }),
        "scope" => t.Value.Contains("local"),
        _ => false,
    });

    private static string? Attribute(EngineEvent e, string key) => e.Attributes.TryGetValue(key, out var v) ? v : null;
}
