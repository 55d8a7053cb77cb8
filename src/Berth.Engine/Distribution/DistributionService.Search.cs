using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Distribution;

public sealed partial class DistributionService
{
    /// <summary>A result of <c>GET /images/search</c>, as the index gives it.</summary>
    public sealed record SearchResult(string Name, string Description, int StarCount, bool IsOfficial, bool IsAutomated);

    /// <summary>
    /// <c>GET /images/search?term=TERM</c>: the index of TERM's registry (Docker Hub's for a bare
    /// name; <c>HOST/name</c> asks HOST) searched for the name part, as dockerd's v1 search; the
    /// filters (<c>stars</c>, <c>is-official</c>, <c>is-automated</c>) applied to what it answers.
    /// A registry that offers no search (distribution's answers 404) fails as dockerd's does.
    /// </summary>
    public async Task<IReadOnlyList<SearchResult>> SearchAsync(string term, int limit, Func<SearchResult, bool> keep, RegistryCredentials credentials, CancellationToken ct)
    {
        if (limit is < 1 or > 100)
            throw BerthException.Invalid($"limit {limit} is outside the range of [1, 100]");
        string index = "index.docker.io", remote = term;
        int slash = term.IndexOf('/');
        if (slash > 0 && term[..slash] is var head && (head.Contains('.') || head.Contains(':') || head == "localhost"))
            (index, remote) = (head == ImageReference.DefaultDomain ? "index.docker.io" : head, term[(slash + 1)..]);
        byte[] answer = await registry.SearchAsync(index, remote, limit, credentials, ct);
        var results = new List<SearchResult>();
        using var doc = JsonDocument.Parse(answer);
        if (doc.RootElement.TryGetProperty("results", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var r in list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
            {
                var result = new SearchResult(Text(r, "name"), Text(r, "description"),
                    r.TryGetProperty("star_count", out var s) && s.TryGetInt32(out int stars) ? stars : 0,
                    r.TryGetProperty("is_official", out var o) && o.ValueKind == JsonValueKind.True,
                    r.TryGetProperty("is_automated", out var a) && a.ValueKind == JsonValueKind.True);
                if (keep(result))
                    results.Add(result);
            }
        return results.Take(limit).ToList();
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
