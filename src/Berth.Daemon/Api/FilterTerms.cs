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
        using var doc = Document(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw Malformed($"cannot unmarshal {JsonFields.GoKind(doc.RootElement)} into Go value of type map[string]map[string]bool");
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!known(p.Name))
                throw BerthException.Invalid($"invalid filter '{p.Name}'");
            terms[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Array => p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()!
                    : throw Malformed($"cannot unmarshal {JsonFields.GoKind(v)} into Go value of type string")).ToList(),
                JsonValueKind.Object => p.Value.EnumerateObject().Select(v => v.Name).ToList(),
                _ => throw Malformed($"cannot unmarshal {JsonFields.GoKind(p.Value)} into Go value of type map[string]bool"),
            };
        }
        return terms;
    }

    private static JsonDocument Document(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Malformed(e.Message);
        }
    }

    private static BerthException Malformed(string why) => BerthException.Invalid("invalid filter: json: " + why);

    /// <summary>A <c>label</c> term: <c>key</c> (present) or <c>key=value</c> (present with that value).</summary>
    public static bool MatchesLabel(IReadOnlyDictionary<string, string>? labels, string term)
    {
        labels ??= new Dictionary<string, string>();
        int eq = term.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(term) : labels.TryGetValue(term[..eq], out var v) && v == term[(eq + 1)..];
    }
}
