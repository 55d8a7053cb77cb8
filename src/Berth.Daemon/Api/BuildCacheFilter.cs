using Berth.Core.Build;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>builder prune</c>'s filters as dockerd takes them: <c>until</c> (last used before),
/// <c>id</c>, and <c>label</c>/<c>label!</c>, which the classic builder's records never carry, so
/// <c>system prune --filter label=x</c> keeps the whole build cache rather than emptying it.
/// </summary>
internal static class BuildCacheFilter
{
    public static Func<BuildCacheRecord, bool> Parse(string? json)
    {
        var terms = FilterTerms.Parse(json, name => name is "until" or "id" or "label" or "label!");
        UntilFilter.Validate(terms);
        return record => terms.All(t => t.Key switch
        {
            "until" => t.Value.All(v => (record.LastUsedAt ?? record.CreatedAt).UtcDateTime < UntilFilter.Parse(v)),
            "id" => t.Value.Any(v => record.Id.StartsWith(v, StringComparison.Ordinal)),
            "label" => false,
            _ => true,
        });
    }
}
