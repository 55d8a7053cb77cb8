using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The API's <c>filters</c> parameter: JSON mapping a filter name to its values, as
/// <c>{"status":["running"]}</c> or, from old clients, <c>{"status":{"running":true}}</c>.
/// </summary>
internal static class FilterTerms
{
    public static Dictionary<string, List<string>> Parse(string? json, Func<string, bool> known)
    {
        var terms = new Dictionary<string, List<string>>();
        if (string.IsNullOrEmpty(json))
            return terms;
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!known(p.Name))
                throw BerthException.Invalid($"invalid filter '{p.Name}'");
            terms[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                : p.Value.EnumerateObject().Select(v => v.Name).ToList();
        }
        return terms;
    }

    /// <summary>A <c>label</c> term: <c>key</c> (present) or <c>key=value</c> (present with that value).</summary>
    public static bool MatchesLabel(IReadOnlyDictionary<string, string>? labels, string term)
    {
        labels ??= new Dictionary<string, string>();
        int eq = term.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(term) : labels.TryGetValue(term[..eq], out var v) && v == term[(eq + 1)..];
    }
}
