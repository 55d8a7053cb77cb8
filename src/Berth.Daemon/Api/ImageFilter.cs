using Berth.Core.Images;

namespace Berth.Daemon.Api;

/// <summary>
/// The <c>filters</c> of <c>GET /images/json</c>: dangling, reference, label, before and since
/// (created before or after the image named), until (a timestamp or a duration ago).
/// </summary>
internal sealed class ImageFilter(Dictionary<string, List<string>> terms, IReadOnlyDictionary<string, DateTime> created, bool forPrune = false)
{
    /// <param name="resolve">finds the image a <c>before</c>/<c>since</c> term names (NotFound as Docker's), once per name.</param>
    public static ImageFilter Parse(string? json, Func<string, Image> resolve)
    {
        var terms = FilterTerms.Parse(json, name => name is "dangling" or "reference" or "label" or "before" or "since" or "until");
        UntilFilter.Validate(terms);
        var created = terms.Where(t => t.Key is "before" or "since").SelectMany(t => t.Value).Distinct()
            .ToDictionary(name => name, name => resolve(name).Created);
        return new ImageFilter(terms, created);
    }

    /// <summary>
    /// prune's filters: <c>dangling</c> (whether only dangling images go; the rest are always
    /// dangling-or-not as asked), <c>label</c>, <c>label!</c>, <c>until</c>.
    /// </summary>
    public static ImageFilter ParseForPrune(string? json)
    {
        var terms = FilterTerms.Parse(json, name => name is "dangling" or "label" or "label!" or "until");
        UntilFilter.Validate(terms);
        foreach (string value in terms.GetValueOrDefault("dangling") ?? [])
            if (value.ToLowerInvariant() is not ("true" or "false" or "1" or "0"))
                throw Core.Errors.BerthException.Invalid($"invalid filter 'dangling={value}'");
        return new ImageFilter(terms, new Dictionary<string, DateTime>(), forPrune: true);
    }

    /// <summary>For prune: <c>dangling=false</c> asks for every unused image, not only the dangling ones.</summary>
    public bool PrunesAll => terms.TryGetValue("dangling", out var d) && d.All(v => v.ToLowerInvariant() is "false" or "0");

    public bool Matches(Image image) => terms.All(t => t.Key switch
    {
        "dangling" when forPrune => true, // prune chooses dangling or all itself (PrunesAll)
        "dangling" => t.Value.Any(v => v is "true" or "1") == (image.Tags.Count == 0 && image.RepoDigests.Count == 0), // a pulled-by-digest image is not dangling
        "reference" => t.Value.Any(pattern => image.Tags.Concat(image.RepoDigests).Any(tag => Glob(pattern, ImageReference.Parse(tag)))),
        "label" => t.Value.All(term => FilterTerms.MatchesLabel(LabelsOf(image), term)),
        "label!" => !t.Value.Any(term => FilterTerms.MatchesLabel(LabelsOf(image), term)),
        "before" => t.Value.All(name => image.Created < created[name]),
        "since" => t.Value.All(name => image.Created > created[name]),
        "until" => t.Value.All(value => image.Created < UntilFilter.Parse(value)),
        _ => true,
    });

    /// <summary>The image config's <c>config.Labels</c>.</summary>
    private static Dictionary<string, string> LabelsOf(Image image)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(image.Config);
        return doc.RootElement.TryGetProperty("config", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.Object
            && c.TryGetProperty("Labels", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.Object
            ? l.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? p.Value.GetString()! : "")
            : [];
    }

    /// <summary>
    /// As dockerd: with a reference filter, an image lists only the tags and digests that
    /// matched, so <c>images REPO</c> shows no row for the image's other names.
    /// </summary>
    public Image Restrict(Image image)
    {
        if (!terms.TryGetValue("reference", out var patterns))
            return image;
        bool Match(string name) => patterns.Any(p => Glob(p, ImageReference.Parse(name)));
        return image with { Tags = image.Tags.Where(Match).ToList(), RepoDigests = image.RepoDigests.Where(Match).ToList() };
    }

    /// <summary>distribution/reference's FamiliarMatch: the familiar name, else the familiar string.</summary>
    private static bool Glob(string pattern, ImageReference tag) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, tag.FamiliarName, ignoreCase: false)
        || System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, tag.FamiliarString, ignoreCase: false);
}
