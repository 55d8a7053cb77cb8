using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Images;

namespace Berth.Daemon.Api;

/// <summary>The <c>filters</c> of <c>GET /containers/json</c>: <c>{"status":["running"],"label":["a=b"],...}</c>.</summary>
internal sealed class ContainerFilter(Dictionary<string, List<string>> terms)
{
    private static readonly HashSet<string> s_known = ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "network", "health", "volume", "publish", "expose", "is-task"];

    public static ContainerFilter Parse(string? json)
    {
        var terms = new Dictionary<string, List<string>>();
        if (string.IsNullOrEmpty(json))
            return new ContainerFilter(terms);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!s_known.Contains(p.Name))
                throw BerthException.Invalid($"invalid filter '{p.Name}'");
            // Old clients send {"status":{"running":true}}, newer ones {"status":["running"]}.
            terms[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                : p.Value.EnumerateObject().Select(v => v.Name).ToList();
        }
        return new ContainerFilter(terms);
    }

    public bool Matches(Container c, ImageStore images) => terms.All(t => t.Key switch
    {
        "id" => t.Value.Any(v => c.Id.StartsWith(v, StringComparison.Ordinal)),
        "name" => t.Value.Any(v => c.Name.Contains(v.TrimStart('/'), StringComparison.Ordinal)),
        "status" => t.Value.Contains(c.State.Status.ToString().ToLowerInvariant()),
        "exited" => c.State.Status == ContainerStatus.Exited && t.Value.Contains(c.State.ExitCode.ToString()),
        "label" => t.Value.All(v => HasLabel(c, v)),
        "ancestor" => t.Value.Any(v => images.TryResolve(v)?.Id == c.ImageId),
        _ => true,
    });

    private static bool HasLabel(Container c, string term)
    {
        var labels = c.Config.Labels ?? [];
        int eq = term.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(term) : labels.TryGetValue(term[..eq], out var v) && v == term[(eq + 1)..];
    }
}
