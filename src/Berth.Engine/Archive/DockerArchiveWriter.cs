using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// Writes images as <c>docker save</c> (Docker 25 to 28) does, byte for byte: an OCI image
/// layout that is also a docker-archive. Blobs (image configs, uncompressed layer tars, a v1
/// JSON per layer, an OCI manifest per image) under <c>blobs/sha256/</c> in name order, then
/// <c>index.json</c>, <c>manifest.json</c>, <c>oci-layout</c>, <c>repositories</c>. Files
/// carry the image's creation time, or the epoch for what is made at save time, as Docker's
/// temp directory did. Docker walks images in Go map order; here they keep the order given.
/// </summary>
public static class DockerArchiveWriter
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    private const string LayerType = "application/vnd.oci.image.layer.v1.tar";

    public static Task WriteAsync(IReadOnlyList<ArchiveImage> images, Stream output, CancellationToken ct) =>
        WriteAsync(images, output, Path.GetTempPath(), ct);

    /// <param name="spoolDir">Where a layer that cannot be read twice is spooled meanwhile (the daemon's temp directory).</param>
    public static async Task WriteAsync(IReadOnlyList<ArchiveImage> images, Stream output, string spoolDir, CancellationToken ct)
    {
        await using var plan = new SaveBlobs(spoolDir);
        var manifest = new JsonArray();
        var index = new JsonArray();
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            using var config = JsonDocument.Parse(image.Config);
            var root = config.RootElement;
            var diffIds = root.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
            if (diffIds.Count == 0)
                throw BerthException.Invalid("empty export - not implemented");
            if (!diffIds.SequenceEqual(image.Layers.Select(l => l.DiffId)))
                throw new BerthException(ErrorKind.Internal, "the layers to save do not match the image config's diff_ids");
            var created = ContainerConfigJson.Find(root, "created") is { ValueKind: JsonValueKind.String } c && DateTimeOffset.TryParse(c.GetString(), out var t)
                ? t : DateTimeOffset.UnixEpoch;
            var chain = ChainId.For(diffIds);
            string? parent = null;
            var layerDescriptors = new JsonArray();
            var sources = new JsonObject();
            for (int i = 0; i < diffIds.Count; i++)
            {
                var (v1Json, v1Id) = LegacyImageJson.Build(root, i == diffIds.Count - 1, chain[i], parent);
                plan.AddBlob(v1Json, created);
                parent = v1Id;
                long size = await plan.AddLayerAsync(image.Layers[i], created, ct);
                layerDescriptors.Add((JsonNode)new JsonObject { ["mediaType"] = LayerType, ["digest"] = diffIds[i], ["size"] = size });
                sources[diffIds[i]] = new JsonObject { ["mediaType"] = LayerType, ["size"] = size, ["digest"] = diffIds[i] };
            }
            string imageId = plan.AddBlob(image.Config, created);
            plan.BlobsDirectoryTime = created;
            byte[] ociManifest = GoJson.Serialize(new JsonObject
            {
                ["schemaVersion"] = 2, ["mediaType"] = ManifestType,
                ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = imageId, ["size"] = image.Config.Length },
                ["layers"] = layerDescriptors,
            });
            string manifestDigest = plan.AddBlob(ociManifest, DateTimeOffset.UnixEpoch);
            var tags = image.RepoTags.Select(ImageReference.Parse).Where(r => r.Tag is not null).ToList();
            foreach (var tag in tags)
            {
                if (!repositories.TryGetValue(tag.FamiliarName, out var repo))
                    repositories[tag.FamiliarName] = repo = new(StringComparer.Ordinal);
                repo[tag.Tag!] = Digest.Parse(diffIds[^1]).Hex;
                index.Add((JsonNode)Descriptor(manifestDigest, ociManifest.Length, new JsonObject
                {
                    ["io.containerd.image.name"] = tag.ToString(), ["org.opencontainers.image.ref.name"] = tag.Tag,
                }));
            }
            // Docker's check is on the list so far, not this image's: an untagged image after a
            // tagged one gets no index entry. Kept for identical output.
            if (index.Count == 0)
                index.Add((JsonNode)Descriptor(manifestDigest, ociManifest.Length, null));
            manifest.Add((JsonNode)new JsonObject
            {
                ["Config"] = "blobs/sha256/" + Digest.Parse(imageId).Hex,
                ["RepoTags"] = tags.Count == 0 ? null : new JsonArray(tags.Select(r => (JsonNode?)r.FamiliarString).ToArray()),
                ["Layers"] = new JsonArray(diffIds.Select(d => (JsonNode?)("blobs/sha256/" + Digest.Parse(d).Hex)).ToArray()),
                ["LayerSources"] = Sorted(sources),
            });
        }

        var tar = new UstarWriter(output);
        await plan.WriteBlobsAsync(tar, ct);
        await tar.WriteFileAsync("index.json", GoJson.Serialize(new JsonObject
        {
            ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = index,
        }), DateTimeOffset.UnixEpoch, ct);
        await tar.WriteFileAsync("manifest.json", GoJson.Serialize(manifest, newline: true), DateTimeOffset.UnixEpoch, ct);
        await tar.WriteFileAsync("oci-layout", "{\"imageLayoutVersion\": \"1.0.0\"}"u8.ToArray(), DateTimeOffset.UnixEpoch, ct);
        if (repositories.Count > 0)
        {
            var repos = new JsonObject();
            foreach (var (name, tagMap) in repositories)
                repos[name] = new JsonObject(tagMap.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            await tar.WriteFileAsync("repositories", GoJson.Serialize(repos, newline: true), DateTimeOffset.UnixEpoch, ct);
        }
        await tar.CloseAsync(ct);
    }

    private static JsonObject Descriptor(string digest, long size, JsonObject? annotations)
    {
        var descriptor = new JsonObject { ["mediaType"] = ManifestType, ["digest"] = digest, ["size"] = size };
        if (annotations is not null)
            descriptor["annotations"] = annotations;
        return descriptor;
    }

    private static JsonObject Sorted(JsonObject map) =>
        new(map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())));
}
