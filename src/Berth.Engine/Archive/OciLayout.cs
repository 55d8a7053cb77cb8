using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// An OCI image layout inside a spooled archive: <c>index.json</c> lists manifests (or
/// nested indexes, of which the linux/amd64 entry is taken, else the only one); each
/// manifest names a config and layer blobs under <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c>. Tags come
/// from the <c>io.containerd.image.name</c> annotation, as Docker reads them.
/// The archive is untrusted: an index that names itself (directly or through others), indexes
/// nested deeper than <see cref="ArchiveLimits.MaxIndexDepth"/>, or more than <see cref="MaxIndexes"/> index
/// documents in all are refused as invalid, before they can make the daemon loop or grow.
/// </summary>
internal static class OciLayout
{
    /// <summary>How many index documents one archive may hold in all (bounds fan-out through shared indexes).</summary>
    public const int MaxIndexes = 256;

    public static Task ReadIndexAsync(ArchiveSpool spool, string path, List<LoadedImage> images, CancellationToken ct) =>
        ReadIndexAsync(spool, path, null, images, new Walk(), ct);

    /// <summary>Where the walk is: the indexes from the root to here, and how many were read.</summary>
    private sealed class Walk
    {
        public readonly Dictionary<string, int> Seen = new(StringComparer.Ordinal);
        public readonly List<string> Path = [];
        public int Indexes;
    }

    private static async Task ReadIndexAsync(ArchiveSpool spool, string path, string? name, List<LoadedImage> images,
        Walk walk, CancellationToken ct)
    {
        if (walk.Path.Contains(path))
            throw BerthException.Invalid($"invalid archive: index {path} names itself (through {string.Join(" -> ", walk.Path.Skip(walk.Path.IndexOf(path)))} -> {path})");
        int maxDepth = spool.Limits.MaxIndexDepth;
        if (walk.Path.Count > maxDepth)
            throw BerthException.Invalid($"invalid archive: image indexes nested more than {maxDepth} deep at {path}");
        if (++walk.Indexes > MaxIndexes)
            throw BerthException.Invalid($"invalid archive: more than {MaxIndexes} image indexes");
        walk.Path.Add(path);
        try
        {
            await ReadManifestsAsync(spool, path, name, images, walk, ct);
        }
        finally
        {
            walk.Path.RemoveAt(walk.Path.Count - 1);
        }
    }

    private static async Task ReadManifestsAsync(ArchiveSpool spool, string path, string? name, List<LoadedImage> images,
        Walk walk, CancellationToken ct)
    {
        var seen = walk.Seen;
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
                await ReadIndexAsync(spool, blob, tag, images, walk, ct);
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
