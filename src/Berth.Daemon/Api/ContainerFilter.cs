using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Daemon.Api;

/// <summary>The <c>filters</c> of <c>GET /containers/json</c>: <c>{"status":["running"],"label":["a=b"],...}</c>.</summary>
internal sealed class ContainerFilter(Dictionary<string, List<string>> terms)
{
    private static readonly HashSet<string> s_known = ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "network", "health", "volume", "publish", "expose", "is-task"];

    public static ContainerFilter Parse(string? json, bool forPrune = false) =>
        new(FilterTerms.Parse(json, name => forPrune ? name is "label" or "label!" or "until" : s_known.Contains(name)));

    public bool Matches(Container c, IImageStore images) => terms.All(t => t.Key switch
    {
        "id" => t.Value.Any(v => c.Id.StartsWith(v, StringComparison.Ordinal)),
        "name" => t.Value.Any(v => c.Name.Contains(v.TrimStart('/'), StringComparison.Ordinal)),
        "status" => t.Value.Contains(c.State.Status.ToString().ToLowerInvariant()),
        "exited" => c.State.Status == ContainerStatus.Exited && t.Value.Contains(c.State.ExitCode.ToString()),
        "label" => t.Value.All(v => HasLabel(c, v)),
        "ancestor" => t.Value.Any(v => images.TryResolve(v)?.Id == c.ImageId),
        _ => true,
    });

    /// <summary>prune's filters: <c>label</c>, <c>label!</c>, <c>until</c> (a timestamp or a duration ago).</summary>
    public bool MatchesPrune(Container c) => terms.All(t => t.Key switch
    {
        "label" => t.Value.All(v => HasLabel(c, v)),
        "label!" => !t.Value.Any(v => HasLabel(c, v)),
        "until" => t.Value.All(v => c.Created < Until(v)),
        _ => true,
    });

    /// <summary>An <c>until</c> value: a timestamp, or a duration (<c>10m</c>) before now.</summary>
    internal static DateTime Until(string value) =>
        value.Length > 1 && char.IsLetter(value[^1])
            ? DateTime.UtcNow - ParseDuration(value)
            : Api.GoTime.ParseTimestamp(value) ?? DateTime.MaxValue;

    private static TimeSpan ParseDuration(string text)
    {
        double n = double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return text[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => throw BerthException.Invalid($"invalid duration {text}") };
    }

    private static bool HasLabel(Container c, string term) => FilterTerms.MatchesLabel(c.Config.Labels, term);
}
