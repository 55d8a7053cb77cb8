using Berth.Core.Images;

namespace Berth.Daemon.Api;

/// <summary>The <c>filters</c> of <c>GET /images/json</c>: dangling, reference, label.</summary>
internal sealed class ImageFilter(Dictionary<string, List<string>> terms)
{
    public static ImageFilter Parse(string? json) =>
        new(FilterTerms.Parse(json, name => name is "dangling" or "reference" or "label" or "before" or "since" or "until"));

    public bool Matches(Image image) => terms.All(t => t.Key switch
    {
        "dangling" => t.Value.Contains("true") == (image.Tags.Count == 0 && image.RepoDigests.Count == 0), // a pulled-by-digest image is not dangling
        "reference" => t.Value.Any(pattern => image.Tags.Concat(image.RepoDigests).Any(tag => Glob(pattern, ImageReference.Parse(tag)))),
        _ => true,
    });

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
