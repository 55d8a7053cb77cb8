using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Engine.Distribution;

namespace Berth.Engine.Registry;

/// <summary>
/// What the registry needs to know of a manifest or index pushed to it: the blobs and child
/// manifests that must be present first, whether it is an image berth can unpack, and what the
/// referrers API lists (subject, artifact type, annotations).
/// </summary>
internal sealed record PushedManifest(string MediaType, IReadOnlyList<Descriptor> Blobs, IReadOnlyList<Descriptor> Manifests)
{
    public Descriptor? Config { get; init; }
    public string? Subject { get; init; }
    public string? ArtifactType { get; init; }
    /// <summary>The <c>annotations</c> object as raw JSON.</summary>
    public string? Annotations { get; init; }

    private static readonly HashSet<string> s_layerTypes =
    [
        MediaTypes.DockerLayerGzip, MediaTypes.OciLayer, MediaTypes.OciLayerGzip, MediaTypes.OciLayerZstd,
        "application/vnd.docker.image.rootfs.diff.tar",
    ];

    /// <summary>An image manifest of a container image config whose layers are all tar layers.</summary>
    public bool IsImage => Config is { } config && config.MediaType is MediaTypes.DockerConfig or MediaTypes.OciConfig
        && config.Size <= Bounded.MaxConfig && Blobs.Skip(1).All(l => s_layerTypes.Contains(l.MediaType));

    public static PushedManifest Parse(byte[] bytes, string? contentType)
    {
        string mediaType = Distribution.Manifests.MediaTypeOf(bytes, contentType);
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw BerthException.Invalid("not a JSON object");
        if (root.TryGetProperty("mediaType", out var declared) && !string.IsNullOrEmpty(contentType)
            && declared.GetString() is string body && body != MediaTypeOnly(contentType))
            throw BerthException.Invalid($"the media type {body} does not match the Content-Type {contentType}");
        string? subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("digest", out var sd)
            ? Core.Images.Digest.Parse(sd.GetString() ?? "").ToString() : null;
        string? artifactType = root.TryGetProperty("artifactType", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        string? annotations = root.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object ? ann.GetRawText() : null;

        if (MediaTypes.IsIndex(mediaType))
            return new PushedManifest(mediaType, [], Distribution.Manifests.ParseIndex(bytes))
            {
                Subject = subject, ArtifactType = artifactType, Annotations = annotations,
            };
        if (mediaType is not (MediaTypes.DockerManifest or MediaTypes.OciManifest))
            throw BerthException.Invalid($"unsupported manifest media type {mediaType}");
        ImageManifest image = Distribution.Manifests.ParseImage(bytes);
        return new PushedManifest(mediaType, [image.Config, .. image.Layers], [])
        {
            Config = image.Config, Subject = subject, ArtifactType = artifactType ?? image.Config.MediaType, Annotations = annotations,
        };
    }

    private static string MediaTypeOnly(string contentType) => contentType.Split(';')[0].Trim();
}
