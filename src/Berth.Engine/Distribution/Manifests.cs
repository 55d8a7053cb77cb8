using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Engine.Distribution;

/// <summary>
/// Parsing of manifests and indexes (manifest lists) as fetched, and the platform choice in
/// an index: the first entry whose os and architecture (and variant, when asked) match.
/// Schema 1 is refused with Docker's deprecation message.
/// </summary>
public static class Manifests
{
    /// <summary>The media type: the body's <c>mediaType</c> field when present, else the Content-Type.</summary>
    public static string MediaTypeOf(byte[] content, string? contentType)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } type)
                    return type;
                if (root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1)
                    return MediaTypes.DockerSchema1Signed;
                if (root.TryGetProperty("manifests", out _))
                    return MediaTypes.OciIndex;
                if (root.TryGetProperty("config", out _))
                    return MediaTypes.OciManifest;
            }
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid("invalid manifest: " + e.Message);
        }
        return contentType ?? "";
    }

    /// <summary>Docker's message for a schema 1 image, which it no longer pulls.</summary>
    public static string Schema1Refusal(string reference) =>
        "[DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed. "
        + $"Suggest the author of {reference} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. "
        + "More information at https://docs.docker.com/go/deprecated-image-specs/";

    public static ImageManifest ParseImage(byte[] content)
    {
        using var doc = Parse(content);
        var root = doc.RootElement;
        if (!root.TryGetProperty("config", out var config) || !root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
            throw BerthException.Invalid("invalid manifest: config or layers missing");
        return new ImageManifest(ParseDescriptor(config), layers.EnumerateArray().Select(ParseDescriptor).ToList());
    }

    public static IReadOnlyList<Descriptor> ParseIndex(byte[] content)
    {
        using var doc = Parse(content);
        if (!doc.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            throw BerthException.Invalid("invalid manifest list: manifests missing");
        return manifests.EnumerateArray().Select(ParseDescriptor).ToList();
    }

    /// <summary>The entry for <paramref name="platform"/>, or Docker's error when there is none.</summary>
    public static Descriptor Select(IReadOnlyList<Descriptor> entries, Platform platform) =>
        entries.FirstOrDefault(e => e.Platform is not null && platform.Matches(e.Platform) && !MediaTypes.IsIndex(e.MediaType))
        ?? throw BerthException.NotFound($"no matching manifest for {platform} in the manifest list entries");

    private static JsonDocument Parse(byte[] content)
    {
        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid("invalid manifest: " + e.Message);
        }
    }

    private static Descriptor ParseDescriptor(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw BerthException.Invalid("invalid manifest: a descriptor is not an object");
        string mediaType = e.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        string digest = e.TryGetProperty("digest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
        Core.Images.Digest.Parse(digest); // refuses anything but sha256:<64 hex>
        long size = e.TryGetProperty("size", out var s) && s.TryGetInt64(out long n) && n >= 0 ? n : throw BerthException.Invalid($"invalid manifest: descriptor {digest} has no size");
        Platform? platform = null;
        if (e.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
            platform = new Platform(
                p.TryGetProperty("os", out var os) ? os.GetString() ?? "" : "",
                p.TryGetProperty("architecture", out var arch) ? arch.GetString() ?? "" : "",
                p.TryGetProperty("variant", out var v) ? v.GetString() : null);
        return new Descriptor(mediaType, digest, size) { Platform = platform };
    }
}
