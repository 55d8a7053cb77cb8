using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

/// <summary>What <c>save</c> will write: each image with the tags that were asked for.</summary>
public sealed record SavePlan(IReadOnlyList<(Image Image, IReadOnlyList<string> Tags)> Images);

public sealed partial class ImageService
{
    /// <summary>Resolves every name first, so a typo fails before any byte is sent.</summary>
    public SavePlan PlanSave(IReadOnlyList<string> names)
    {
        var plan = new List<(Image, List<string>)>();
        foreach (string name in names)
        {
            Image image = images.Resolve(name);
            string? reference = TryReference(name);
            var tags = reference is not null && image.Tags.Contains(reference) ? [reference]
                : name.StartsWith("sha256:", StringComparison.Ordinal) || !image.Tags.Any() || reference is null ? new List<string>()
                : image.Tags.ToList();
            var existing = plan.FindIndex(p => p.Item1.Id == image.Id);
            if (existing >= 0) plan[existing].Item2.AddRange(tags.Except(plan[existing].Item2));
            else plan.Add((image, tags));
        }
        return new SavePlan(plan.Select(p => (p.Item1, (IReadOnlyList<string>)p.Item2)).ToList());
    }

    /// <summary>
    /// Writes a docker-archive as Docker 25+ does, which is also an OCI image layout:
    /// <c>blobs/sha256/*</c> (configs, uncompressed layers, manifests), <c>index.json</c>,
    /// <c>manifest.json</c>, <c>oci-layout</c>, <c>repositories</c>.
    /// </summary>
    public async Task SaveAsync(SavePlan plan, Stream output, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        var written = new HashSet<string>();
        var manifest = new JsonArray();
        var index = new JsonArray();
        var repositories = new JsonObject();
        await AddDirAsync(tar, "blobs/", ct);
        await AddDirAsync(tar, "blobs/sha256/", ct);
        foreach (var (image, tags) in plan.Images)
        {
            await AddBlobAsync(tar, image.Id, image.Config, written, ct);
            var layerDescriptors = new JsonArray();
            var layerPaths = new JsonArray();
            foreach (string chain in ImageStore.ChainOf(image))
            {
                var layer = metadata.GetLayer(chain)!;
                long size = await AddLayerBlobAsync(tar, layer, written, ct);
                layerDescriptors.Add(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar", ["digest"] = layer.DiffId, ["size"] = size });
                layerPaths.Add("blobs/sha256/" + layer.DiffId[7..]);
            }
            byte[] ociManifest = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = image.Id, ["size"] = image.Config.Length },
                ["layers"] = layerDescriptors,
            });
            string manifestDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ociManifest));
            await AddBlobAsync(tar, manifestDigest, ociManifest, written, ct);
            foreach (string tag in tags.DefaultIfEmpty(""))
            {
                var descriptor = new JsonObject { ["mediaType"] = "application/vnd.oci.image.manifest.v1+json", ["digest"] = manifestDigest, ["size"] = ociManifest.Length };
                if (tag.Length > 0)
                {
                    var reference = ImageReference.Parse(tag);
                    descriptor["annotations"] = new JsonObject { ["io.containerd.image.name"] = tag, ["org.opencontainers.image.ref.name"] = reference.Tag };
                    var repo = repositories[reference.FamiliarName] as JsonObject ?? new JsonObject();
                    repo[reference.Tag!] = image.DiffIds.Count > 0 ? ImageStore.ChainOf(image)[^1][7..] : image.Id[7..];
                    repositories[reference.FamiliarName] = repo;
                }
                index.Add(descriptor);
            }
            manifest.Add(new JsonObject
            {
                ["Config"] = "blobs/sha256/" + image.Id[7..],
                ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(Familiar(t))!).ToArray()),
                ["Layers"] = layerPaths,
            });
        }
        await AddFileAsync(tar, "index.json", JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.index.v1+json", ["manifests"] = index,
        }), ct);
        await AddFileAsync(tar, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest), ct);
        await AddFileAsync(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray(), ct);
        if (repositories.Count > 0)
            await AddFileAsync(tar, "repositories", JsonSerializer.SerializeToUtf8Bytes(repositories), ct);
    }

    private async Task<long> AddLayerBlobAsync(TarWriter tar, Layer layer, HashSet<string> written, CancellationToken ct)
    {
        string name = "blobs/sha256/" + layer.DiffId[7..];
        if (layer.BlobDigest == layer.DiffId)
        {
            long size = new FileInfo(content.PathOf(layer.BlobDigest)).Length;
            if (written.Add(layer.DiffId))
                await tar.WriteEntryAsync(content.PathOf(layer.BlobDigest), name, ct);
            return size;
        }
        // Stored compressed: the archive holds the uncompressed tar, whose size the header needs first.
        string temp = Path.GetTempFileName();
        try
        {
            await using (var source = await Decompression.OpenAsync(content.Open(layer.BlobDigest), ct))
            await using (var file = File.Create(temp))
                await source.CopyToAsync(file, ct);
            if (written.Add(layer.DiffId))
                await tar.WriteEntryAsync(temp, name, ct);
            return new FileInfo(temp).Length;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static Task AddBlobAsync(TarWriter tar, string digest, byte[] bytes, HashSet<string> written, CancellationToken ct) =>
        written.Add(digest) ? AddFileAsync(tar, "blobs/sha256/" + digest[7..], bytes, ct) : Task.CompletedTask;

    private static Task AddFileAsync(TarWriter tar, string name, byte[] bytes, CancellationToken ct) =>
        tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(bytes), Mode = (UnixFileMode)0x1a4, ModificationTime = DateTimeOffset.UnixEpoch,
        }, ct);

    private static Task AddDirAsync(TarWriter tar, string name, CancellationToken ct) =>
        tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ed, ModificationTime = DateTimeOffset.UnixEpoch }, ct);
}
