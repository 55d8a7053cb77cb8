using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Images;
using Berth.Engine.Images;

namespace Berth.Daemon.Api.Models;

/// <summary>Images as <c>GET /images/json</c>, <c>/images/{name}/json</c> and <c>/history</c> show them.</summary>
internal static class ImageViews
{
    /// <param name="sharedSize">bytes of layers other images share; -1 (not computed) outside <c>system df</c>, as Docker.</param>
    /// <param name="withVirtualSize">the request's version is below 1.44, which still had <c>VirtualSize</c> (= <c>Size</c>).</param>
    public static ImageSummaryView Summary(Image i, int containers, long sharedSize = -1, bool withVirtualSize = false)
    {
        using var doc = JsonDocument.Parse(i.Config);
        return new(
            Id: i.Id,
            ParentId: i.Parent,
            RepoTags: RepoTags(i),
            RepoDigests: i.RepoDigests.Select(ImageService.Familiar).Order(StringComparer.Ordinal).ToArray(),
            Created: GoTime.Unix(i.Created),
            Size: i.Size,
            SharedSize: sharedSize,
            VirtualSize: withVirtualSize ? i.Size : null,
            Labels: Labels(doc.RootElement),
            Containers: containers);
    }

    /// <summary>
    /// An image as <c>GET /images/{name}/json</c> shows it to a client of <paramref name="apiVersion"/>:
    /// below 1.44 with <c>VirtualSize</c>, below 1.45 with <c>Container</c> and
    /// <c>ContainerConfig</c> (the container a commit or build step made it from; "" and an
    /// empty config for an image no container made), as moby dropped them at those versions.
    /// </summary>
    public static ImageInspectView Inspect(ImageDetails details, string apiVersion)
    {
        bool before144 = Core.Api.ApiVersions.Compare(apiVersion, "1.44") < 0;
        bool before145 = Core.Api.ApiVersions.Compare(apiVersion, "1.45") < 0;
        var i = details.Image;
        using var doc = JsonDocument.Parse(i.Config);
        var root = doc.RootElement;
        return new(
            Id: i.Id,
            RepoTags: RepoTags(i),
            RepoDigests: i.RepoDigests.Select(ImageService.Familiar).Order(StringComparer.Ordinal).ToArray(),
            Parent: i.Parent,
            Comment: Text(root, "comment"),
            Created: GoTime.Format(i.Created),
            Container: before145 ? Text(root, "container") : null,
            ContainerConfig: before145 ? ContainerConfigModel.Inspected(ConfigOf(root, "container_config") ?? new Core.Containers.ContainerConfig()) : null,
            DockerVersion: Text(root, "docker_version"),
            Author: Text(root, "author"),
            Config: ConfigOf(root, "config") is { } config ? ContainerConfigModel.Inspected(config) : null,
            Architecture: Text(root, "architecture"),
            Os: Text(root, "os"),
            Size: i.Size,
            VirtualSize: before144 ? i.Size : null,
            GraphDriver: new ImageGraphDriverView(
                Data: details.UpperDir is null ? null : new ImageLayerDirs(UpperDir: details.UpperDir, LowerDir: string.Join(':', details.LowerDirs)),
                Name: "overlay2"),
            RootFS: new RootFsView(Type: "layers", Layers: i.DiffIds),
            Metadata: new ImageMetadataView(LastTagTime: "0001-01-01T00:00:00Z"));
    }

    /// <summary>
    /// <c>docker history</c>, newest first. Entries that are not <c>empty_layer</c> match the
    /// image's layers in order; each shows its own layer's size.
    /// </summary>
    public static List<ImageHistoryView> History(Image i, IReadOnlyList<long> layerSizes)
    {
        using var doc = JsonDocument.Parse(i.Config);
        var items = new List<ImageHistoryView>();
        if (doc.RootElement.TryGetProperty("history", out var history))
        {
            var entries = history.EnumerateArray().ToList();
            int layer = entries.Count(h => !IsEmptyLayer(h));
            for (int k = entries.Count - 1; k >= 0; k--)
            {
                var h = entries[k];
                bool empty = IsEmptyLayer(h);
                if (!empty)
                    layer--;
                DateTime created = h.TryGetProperty("created", out var c) && c.TryGetDateTime(out var t) ? t : i.Created;
                items.Add(new ImageHistoryView(
                    Id: k == entries.Count - 1 ? i.Id : "<missing>",
                    Created: GoTime.Unix(created),
                    CreatedBy: Text(h, "created_by"),
                    Tags: k == entries.Count - 1 ? i.Tags.Select(ImageService.Familiar).ToArray() : null,
                    Size: empty || layer < 0 || layer >= layerSizes.Count ? 0 : layerSizes[layer],
                    Comment: Text(h, "comment")));
            }
        }
        return items;
    }

    private static Core.Containers.ContainerConfig? ConfigOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var config) && config.ValueKind == JsonValueKind.Object
            ? config.Deserialize(Json.ReadingInfo<Core.Containers.ContainerConfig>()) : null;

    private static bool IsEmptyLayer(JsonElement h) => h.TryGetProperty("empty_layer", out var e) && e.ValueKind == JsonValueKind.True;

    /// <summary>Familiar names, sorted as Docker sorts them.</summary>
    private static string[] RepoTags(Image i) => i.Tags.Select(ImageService.Familiar).Order(StringComparer.Ordinal).ToArray();

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static Dictionary<string, string> Labels(JsonElement root) =>
        root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object
            ? l.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : [];

    // The wire shapes, fields in Docker's order.
    // Fields a version range has are null (left out) outside it.
    internal sealed record ImageSummaryView(string Id, string ParentId, string[] RepoTags, string[] RepoDigests, long Created, long Size,
        long SharedSize, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? VirtualSize,
        Dictionary<string, string> Labels, int Containers);

    internal sealed record ImageInspectView(string Id, string[] RepoTags, string[] RepoDigests, string Parent, string Comment, string Created,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Container,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ContainerConfigModel? ContainerConfig,
        string DockerVersion, string Author, ContainerConfigModel? Config, string Architecture, string Os, long Size,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? VirtualSize,
        ImageGraphDriverView GraphDriver, RootFsView RootFS, ImageMetadataView Metadata);

    internal sealed record ImageGraphDriverView(ImageLayerDirs? Data, string Name);

    internal sealed record ImageLayerDirs(string UpperDir, string LowerDir);

    internal sealed record RootFsView(string Type, IReadOnlyList<string> Layers);

    internal sealed record ImageMetadataView(string LastTagTime);

    internal sealed record ImageHistoryView(string Id, long Created, string CreatedBy, string[]? Tags, long Size, string Comment);
}
