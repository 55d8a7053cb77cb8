using Berth.Core.Events;

namespace Berth.Daemon.Api;

/// <summary>
/// The <c>filters</c> of <c>GET /events</c>: type, container, image, event, label, network,
/// volume, daemon, scope. dockerd does not check the names: one it does not know (a swarm
/// object's, a typo) narrows nothing.
/// </summary>
internal sealed class EventFilter(Dictionary<string, List<string>> terms)
{
    public static EventFilter Parse(string? json) => new(FilterTerms.Parse(json, _ => true));

    public bool Matches(EngineEvent e) => terms.All(t => t.Key switch
    {
        "type" => t.Value.Contains(e.Type),
        "container" or "network" or "volume" or "daemon" or "plugin" or "service" or "node" or "secret" or "config" => ByName(e, t.Key, t.Value),
        "image" => t.Value.Any(v => Attribute(e, "image") == v || Attribute(e, "name") == v || e.ActorId == v || e.ActorId.StartsWith("sha256:" + v, StringComparison.Ordinal)),
        "event" => t.Value.Any(v => e.Action == v || e.Action.StartsWith(v + ":", StringComparison.Ordinal)),
        "label" => t.Value.All(v =>
        {
            int eq = v.IndexOf('=');
            return eq < 0 ? e.Attributes.ContainsKey(v) : Attribute(e, v[..eq]) == v[(eq + 1)..];
        }),
        "scope" => t.Value.Contains("local"),
        _ => true,
    });

    /// <summary>Docker's filters by object: only events of that type, whose actor has the ID (or a prefix of it) or name given.</summary>
    private static bool ByName(EngineEvent e, string type, List<string> values) =>
        e.Type == type && values.Any(v => e.ActorId.StartsWith(v, StringComparison.Ordinal) || Attribute(e, "name") == v);

    private static string? Attribute(EngineEvent e, string key) => e.Attributes.TryGetValue(key, out var v) ? v : null;
}
