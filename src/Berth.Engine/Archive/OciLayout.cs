using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// An OCI image layout inside a spooled archive: <c>index.json</c> lists manifests (or
/// nested indexes, of which the linux/amd64 entry is taken, else the only one); each
/// manifest names a config and layer blobs under <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>. Tags come
/// from the <c>io.containerd.image.name</c> annotation, as Docker reads them.
/// </summary>
internal static class OciLayout
{
    public static Task ReadIndexAsync(ArchiveSpool spool, string path, List<LoadedImage> images, CancellationToken ct) =>
        ReadIndexAsync(spool, path, null, images, new Dictionary<string, int>(StringComparer.Ordinal), ct);

    private static async Task ReadIndexAsync(ArchiveSpool spool, string path, string? name, List<LoadedImage> images,
        Dictionary<string, int> seen, CancellationToken ct)
    {
        using var index = DockerArchiveReader.Parse(await spool.ReadAsync(path, ct), path);
        var manifests = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
        if (name is not null && manifests.Count > 1)
            manifests = manifests.Where(IsLinuxAmd64).Take(1).ToList() is { Count: 1 } picked ? picked
                : throw BerthException.Invalid($"invalid archive: no linux/amd64 manifest for {name}");
        foreach (var descriptor in manifests)
        {
            string? tag = name;
            if (descriptor.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty("io.containerd.image.name", out var n))
                tag = ImageReference.Parse(n.GetString()!).ToString();
            string blob = BlobPath(descriptor);
            string mediaType = descriptor.TryGetProperty("mediaType", out var mt) ? mt.GetString() ?? "" : "";
            if (mediaType is "application/vnd.oci.image.index.v1+json" or "application/vnd.docker.distribution.manifest.list.v2+json")
            {
                await ReadIndexAsync(spool, blob, tag, images, seen, ct);
                continue;
            }
            if (seen.TryGetValue(blob, out int known))
            {
                // Docker's index lists a manifest once per tag: one image, several tags.
                if (tag is not null)
                    images[known] = images[known] with { RepoTags = [.. images[known].RepoTags, tag] };
                continue;
            }
            using var manifest = DockerArchiveReader.Parse(await spool.ReadAsync(blob, ct), blob);
            string config = BlobPath(manifest.RootElement.GetProperty("config"));
            var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(BlobPath).ToList();
            seen[blob] = images.Count;
            images.Add(await DockerArchiveReader.LoadAsync(spool, config, layers, tag is null ? [] : [tag], ct));
        }
    }

    private static string BlobPath(JsonElement descriptor)
    {
        var digest = Digest.Parse(descriptor.GetProperty("digest").GetString() ?? "");
        return $"blobs/{digest.Algorithm}/{digest.Hex}";
    }

    private static bool IsLinuxAmd64(JsonElement descriptor) =>
        descriptor.TryGetProperty("platform", out var p)
        && p.TryGetProperty("os", out var os) && os.GetString() == "linux"
        && p.TryGetProperty("architecture", out var arch) && arch.GetString() == "amd64";
}
