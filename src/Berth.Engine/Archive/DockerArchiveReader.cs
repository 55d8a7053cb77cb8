using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// Reads what <c>docker load</c> accepts, maybe compressed: a docker-archive in the Docker 25+
/// layout (<c>manifest.json</c> naming <c>blobs/sha256/...</c>) or the older one
/// (<c>&lt;id&gt;/layer.tar</c>, <c>&lt;id&gt;.json</c>), or a plain OCI image layout
/// (<c>index.json</c> → manifests, nested indexes resolved to linux/amd64). The archive is
/// read once into <c>spool</c>, which unpacks layers as they stream by; the returned layers
/// live in it, uncommitted, until the caller commits them or disposes the spool. Every
/// layer's DiffID is verified against the config before anything is committed (a blob the
/// content store holds under that DiffID was verified when it was stored).
/// </summary>
public static class DockerArchiveReader
{
    internal static async Task<IReadOnlyList<LoadedImage>> ReadAsync(Stream archive, ArchiveSpool spool, CancellationToken ct)
    {
        await spool.FillAsync(archive, ct);
        var images = new List<LoadedImage>();
        if (spool.Exists("manifest.json"))
        {
            using var manifest = Parse(await spool.ReadAsync("manifest.json", ct), "manifest.json");
            foreach (var item in ManifestItem.ParseAll(manifest.RootElement))
            {
                var tags = item.RepoTags.Select(t => ImageReference.Parse(t).ToString()).ToList();
                images.Add(await LoadAsync(spool, item.Config, item.Layers, tags, ct));
            }
        }
        else if (spool.Exists("index.json"))
            await OciLayout.ReadIndexAsync(spool, "index.json", images, ct);
        else
            throw BerthException.Invalid("invalid archive: neither manifest.json nor index.json found");
        return images;
    }

    /// <summary>Reads the config and checks each layer against its diff ID.</summary>
    internal static async Task<LoadedImage> LoadAsync(ArchiveSpool spool, string configPath, IReadOnlyList<string> layerPaths,
        IReadOnlyList<string> tags, CancellationToken ct)
    {
        byte[] config = await spool.ReadAsync(configPath, ct);
        using var doc = Parse(config, configPath);
        var diffIds = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("rootfs", out var rootfs)
            && rootfs.ValueKind == JsonValueKind.Object && rootfs.TryGetProperty("diff_ids", out var ids)
            ? ManifestItem.Strings(ids, "rootfs.diff_ids", configPath)
            : throw BerthException.Invalid($"invalid archive: {configPath} has no rootfs.diff_ids");
        if (layerPaths.Count != diffIds.Count)
            throw BerthException.Invalid("invalid archive: the manifest and the image config list different numbers of layers");
        var layers = new List<LoadedLayer>();
        for (int i = 0; i < layerPaths.Count; i++)
        {
            if (spool.IsStoredBlob(layerPaths[i], diffIds[i]))
            {
                layers.Add(new LoadedLayer(diffIds[i], null));
                continue;
            }
            var layer = await spool.LayerAsync(layerPaths[i], ct);
            if (layer.DiffId != diffIds[i])
                throw BerthException.Invalid($"invalid archive: layer {layerPaths[i]} has digest {layer.DiffId}, the config says {diffIds[i]}");
            layers.Add(new LoadedLayer(diffIds[i], layer));
        }
        return new LoadedImage(config, tags, layers);
    }

    internal static JsonDocument Parse(byte[] json, string name)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid archive: {name}: {e.Message}");
        }
    }
}
