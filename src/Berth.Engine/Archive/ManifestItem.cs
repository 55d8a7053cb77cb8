using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// One image of a docker-archive's <c>manifest.json</c>: its config file, tags and layer files.
/// The file is untrusted, so its shape is checked here, once: an array of objects, strings
/// where strings belong, a config and a layer list in every item. Anything else is a client
/// error naming what is wrong.
/// </summary>
internal sealed record ManifestItem(string Config, IReadOnlyList<string> RepoTags, IReadOnlyList<string> Layers)
{
    public static IReadOnlyList<ManifestItem> ParseAll(JsonElement manifest)
    {
        if (manifest.ValueKind != JsonValueKind.Array)
            throw Invalid($"expected an array of images, found {Kind(manifest)}");
        var items = new List<ManifestItem>();
        foreach (var item in manifest.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw Invalid($"expected an image object, found {Kind(item)}");
            string config = item.TryGetProperty("Config", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } path
                ? path : throw Invalid("an image has no Config");
            var layers = item.TryGetProperty("Layers", out var l) && l.ValueKind == JsonValueKind.Array
                ? Strings(l, "Layers") : throw Invalid($"image {config} has no Layers");
            var tags = item.TryGetProperty("RepoTags", out var t) && t.ValueKind != JsonValueKind.Null ? Strings(t, "RepoTags") : [];
            items.Add(new ManifestItem(config, tags, layers));
        }
        return items;
    }

    /// <summary>An array of strings, as every list of names in an image archive is.</summary>
    public static IReadOnlyList<string> Strings(JsonElement array, string field, string file = "manifest.json")
    {
        if (array.ValueKind != JsonValueKind.Array)
            throw BerthException.Invalid($"invalid archive: {file}: {field} must be an array of strings, found {Kind(array)}");
        return array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()! : throw BerthException.Invalid($"invalid archive: {file}: {field} must be an array of strings, found {Kind(e)} in it")).ToList();
    }

    private static BerthException Invalid(string why) => BerthException.Invalid("invalid archive: manifest.json: " + why);

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
