using System.Text.Json;
using Berth.Core.Content;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Distribution;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Registry;

/// <summary>
/// The built-in registry (OCI distribution spec v1.1) over the engine's own content store.
/// Repository <c>R</c>, tag <c>T</c> is the local image name <c>R:T</c> as berth parses it
/// (<c>busybox:latest</c> is <c>docker.io/library/busybox:latest</c>), both ways:
/// <list type="bullet">
/// <item>a local image is served under its tags; its manifest is the schema 2 manifest a push
/// would send (compressed blobs made once and remembered), recorded on first use so its
/// digest answers later requests;</item>
/// <item>an image manifest pushed here becomes a local image through the pull path
/// (<see cref="StoredRepository"/>), tagged <c>R:T</c>; indexes and artifacts are kept as
/// the registry's own tags.</item>
/// </list>
/// Local tags are the truth for images: <c>berth rmi R:T</c> removes the tag from the registry
/// too, and deleting a manifest untags the local image.
/// </summary>
public sealed partial class RegistryService(MetadataStore metadata, IContentStore content, ImageService images, ILogger<RegistryService> logger)
{
    /// <summary>The largest manifest accepted (distribution's own limit).</summary>
    public const int MaxManifest = Bounded.MaxManifest;

    private static readonly IProgress<ProgressUpdate> s_quiet = new SyncProgress<ProgressUpdate>(_ => { });

    public async Task<(RegistryManifest Manifest, Stream Content)> GetManifestAsync(string repo, string reference, CancellationToken ct)
    {
        CheckRepository(repo);
        RegistryManifest? manifest = IsDigest(reference)
            ? metadata.GetRegistryManifest(repo, reference) ?? await FindLocalManifestAsync(repo, reference, ct)
            : RegistryNames.IsTag(reference) ? await ResolveTagAsync(repo, reference, ct) : throw OciErrors.TagInvalid(reference);
        if (manifest is null || !content.Exists(manifest.Digest))
            throw OciErrors.ManifestUnknown(reference);
        return (manifest, content.Open(manifest.Digest));
    }

    /// <summary>
    /// PUT of a manifest under a tag or its digest: size bounded, digest checked, every blob it
    /// names present in the repository (child manifests for an index) before anything is stored.
    /// </summary>
    public async Task<RegistryManifest> PutManifestAsync(string repo, string reference, string? contentType, Stream body, CancellationToken ct)
    {
        CheckRepository(repo);
        bool byDigest = IsDigest(reference);
        if (!byDigest && !RegistryNames.IsTag(reference))
            throw OciErrors.TagInvalid(reference);
        byte[] bytes;
        try
        {
            bytes = await Bounded.ReadAsync(body, MaxManifest, ct);
        }
        catch (BerthException)
        {
            throw OciErrors.TooLarge("the manifest", MaxManifest);
        }
        string digest = Digest.FromBytes(bytes);
        if (byDigest && Digest.Parse(reference).ToString() != digest)
            throw OciErrors.DigestInvalid($"{reference} != {digest}");

        PushedManifest pushed;
        try
        {
            pushed = PushedManifest.Parse(bytes, contentType);
        }
        catch (Exception e) when (e is BerthException or JsonException or InvalidOperationException or FormatException)
        {
            throw OciErrors.ManifestInvalid(e.Message);
        }
        foreach (Descriptor blob in pushed.Blobs)
            if (!metadata.IsRegistryBlobLinked(repo, blob.Digest) || !content.Exists(blob.Digest))
                throw OciErrors.ManifestBlobUnknown(blob.Digest);
        foreach (Descriptor child in pushed.Manifests)
            if (metadata.GetRegistryManifest(repo, child.Digest) is null)
                throw OciErrors.ManifestBlobUnknown(child.Digest);

        // Held until the rows name what was written, as every writer of the content store does.
        using var lease = images.Garbage.Lease();
        await content.WriteAsync(new MemoryStream(bytes), digest, ct);
        string? imageId = pushed.IsImage
            ? await TryAddImageAsync(repo, byDigest ? "@" + digest : ":" + reference, new FetchedManifest(new Descriptor(pushed.MediaType, digest, bytes.Length), bytes), pushed, ct)
            : null;
        var manifest = new RegistryManifest(repo, digest, pushed.MediaType, bytes.Length)
        {
            ImageId = imageId, Subject = pushed.Subject, ArtifactType = pushed.ArtifactType, Annotations = pushed.Annotations,
        };
        metadata.PutRegistryManifest(manifest, byDigest ? null : reference);
        return manifest;
    }

    /// <summary>
    /// Deletes a manifest by digest (with every tag naming it, local ones included), or a tag.
    /// The blobs stay: other manifests may share them.
    /// </summary>
    public void DeleteManifest(string repo, string reference)
    {
        CheckRepository(repo);
        if (IsDigest(reference))
        {
            RegistryManifest manifest = metadata.GetRegistryManifest(repo, reference) ?? throw OciErrors.ManifestUnknown(reference);
            metadata.DeleteRegistryManifest(repo, manifest.Digest);
            if (manifest.ImageId is not null)
                foreach (var (name, id) in metadata.ListTagsWithPrefix(RepositoryPrefix(repo)))
                    if (id == manifest.ImageId)
                        metadata.Untag(name);
            return;
        }
        if (!RegistryNames.IsTag(reference))
            throw OciErrors.TagInvalid(reference);
        bool registryTag = metadata.DeleteRegistryTag(repo, reference);
        bool localTag = metadata.Untag(LocalName(repo, reference));
        if (!registryTag && !localTag)
            throw OciErrors.ManifestUnknown(reference);
    }

    /// <summary>The repository's tags in lexical order, from after <paramref name="last"/>, at most <paramref name="n"/>; and whether more follow.</summary>
    public (IReadOnlyList<string> Tags, bool More) ListTags(string repo, int? n, string? last)
    {
        CheckRepository(repo);
        string prefix = RepositoryPrefix(repo);
        var local = metadata.ListTagsWithPrefix(prefix);
        var all = new SortedSet<string>(local.Keys.Select(name => name[prefix.Length..]), StringComparer.Ordinal);
        foreach (var (tag, digest) in metadata.ListRegistryTags(repo))
            if (metadata.GetRegistryManifest(repo, digest) is { } m && (m.ImageId is null || local.GetValueOrDefault(prefix + tag) == m.ImageId))
                all.Add(tag);
        if (all.Count == 0 && !metadata.RegistryRepositoryExists(repo))
            throw OciErrors.NameUnknown(repo);
        var after = all.Where(t => last is null || string.CompareOrdinal(t, last) > 0).ToList();
        if (n is int count && count < after.Count)
            return (after.Take(count).ToList(), true);
        return (after, false);
    }

    /// <summary>The manifests whose subject is <paramref name="digest"/>, of one artifact type if asked.</summary>
    public IReadOnlyList<RegistryManifest> ListReferrers(string repo, string digest, string? artifactType)
    {
        CheckRepository(repo);
        if (!IsDigest(digest))
            throw OciErrors.DigestInvalid($"invalid digest {digest}");
        return metadata.ListRegistryReferrers(repo, Digest.Parse(digest).ToString())
            .Where(m => string.IsNullOrEmpty(artifactType) || m.ArtifactType == artifactType).ToList();
    }

    /// <summary>
    /// A tag's manifest: the registry's own tag while it still names what the local tag does
    /// (or is no image at all), else the local image's manifest, made and recorded on first use.
    /// </summary>
    private async Task<RegistryManifest?> ResolveTagAsync(string repo, string tag, CancellationToken ct)
    {
        string? local = metadata.ResolveTag(LocalName(repo, tag));
        if (metadata.ListRegistryTags(repo).TryGetValue(tag, out string? digest)
            && metadata.GetRegistryManifest(repo, digest) is { } tagged && (tagged.ImageId is null || tagged.ImageId == local))
            return tagged;
        if (local is null)
            return null;
        return metadata.FindRegistryManifestOf(repo, local) ?? await PublishAsync(repo, local, ct);
    }

    /// <summary>
    /// A digest the registry has not served yet may still be a local image's manifest (the one
    /// a push of it gives): each image tagged in the repository is published and compared.
    /// </summary>
    private async Task<RegistryManifest?> FindLocalManifestAsync(string repo, string digest, CancellationToken ct)
    {
        foreach (string imageId in metadata.ListTagsWithPrefix(RepositoryPrefix(repo)).Values.Distinct())
            if ((metadata.FindRegistryManifestOf(repo, imageId) ?? await PublishAsync(repo, imageId, ct)) is { } m && m.Digest == digest)
                return m;
        return null;
    }

    /// <summary>Records the schema 2 manifest of a local image in <paramref name="repo"/>, its blobs linked there.</summary>
    private async Task<RegistryManifest?> PublishAsync(string repo, string imageId, CancellationToken ct)
    {
        if (metadata.GetImage(imageId) is not Image image)
            return null;
        var (bytes, blobs) = await images.Schema2ManifestAsync(image, ct);
        using var lease = images.Garbage.Lease();
        var (digest, size) = await content.WriteAsync(bytes, ct);
        metadata.LinkRegistryBlobs(repo, blobs);
        var manifest = new RegistryManifest(repo, digest, MediaTypes.DockerManifest, size) { ImageId = imageId, ArtifactType = MediaTypes.DockerConfig };
        metadata.PutRegistryManifest(manifest, null);
        return manifest;
    }

    /// <summary>
    /// Unpacks a pushed image manifest into a local image named <c>R:T</c> (or <c>R@digest</c>);
    /// its ID, or null when it is not an image berth can run (a registry keeps it all the same).
    /// </summary>
    private async Task<string?> TryAddImageAsync(string repo, string suffix, FetchedManifest fetched, PushedManifest pushed, CancellationToken ct)
    {
        try
        {
            var reference = ImageReference.Parse(ImageReference.ParseNamed(repo).FullName + suffix);
            await images.PullAsync(reference, null, new StoredRepository(repo, fetched, content), s_quiet, ct);
            return pushed.Config!.Digest;
        }
        catch (BerthException e)
        {
            LogMessages.PushedManifestNotAnImage(logger, repo, fetched.Descriptor.Digest, e.Message);
            return null;
        }
    }

    private static void CheckRepository(string repo)
    {
        if (!RegistryNames.IsRepository(repo) || !ImageReference.TryParse(repo, out _))
            throw OciErrors.NameInvalid(repo);
    }

    private static void CheckDigest(string digest)
    {
        if (!IsDigest(digest))
            throw OciErrors.DigestInvalid($"invalid digest {digest}");
    }

    private static bool IsDigest(string reference) => reference.Contains(':') && Digest.TryParse(reference, out _);

    private static string LocalName(string repo, string tag) => ImageReference.Parse(repo + ":" + tag).ToString();

    private static string RepositoryPrefix(string repo) => ImageReference.ParseNamed(repo).FullName + ":";
}
