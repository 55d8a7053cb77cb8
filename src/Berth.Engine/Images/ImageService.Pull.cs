using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Distribution;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>Layers downloaded at once (dockerd's <c>max-concurrent-downloads</c> default).</summary>
    public const int MaxConcurrentDownloads = 3;

    /// <summary>
    /// <c>docker pull</c> of one tag or digest:
    /// <code>
    ///   manifest (tag → index → the platform's manifest) ─▶ "Pulling from REPO"
    ///   config blob (digest-checked) ─▶ diff IDs ─▶ chain IDs: present layers "Already exists"
    ///   missing blobs: 3 at a time, each fetched, digest-verified, stored and unpacked in one pass
    ///      by the engine's Unpacker ("Downloading", "Verifying Checksum", "Download complete")
    ///   in order, bottom first: diff ID checked against the config, commit ("Extracting", "Pull complete")
    ///   one transaction: layers, image, tag, repo digest ─▶ "Digest:", "Status:"
    /// </code>
    /// Nothing is referenced before that last transaction: a pull cancelled or failed midway
    /// leaves at most unreferenced blobs and snapshots.
    /// </summary>
    /// <remarks>A <paramref name="reference"/> with neither tag nor digest pulls every tag of the repository (<c>--all-tags</c>).</remarks>
    public Task PullAsync(ImageReference reference, Platform? requested, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct) =>
        LeasedAsync(() => PullLeasedAsync(reference, requested, repository, progress, ct));

    private async Task PullLeasedAsync(ImageReference reference, Platform? requested, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        bool updated = false;
        if (reference.Tag is null && reference.Digest is null)
        {
            var tags = await TranslatedAsync(() => repository.ListTagsAsync(ct), reference);
            foreach (string tag in tags.Order(StringComparer.Ordinal))
                updated |= await PullOneAsync(ImageReference.Parse(reference.FullName + ":" + tag), requested, repository, progress, ct);
        }
        else
        {
            updated = await PullOneAsync(reference, requested, repository, progress, ct);
        }
        progress.Report(ProgressUpdate.Message(updated
            ? "Status: Downloaded newer image for " + reference.FamiliarString
            : "Status: Image is up to date for " + reference.FamiliarString));
    }

    /// <summary>One tag or digest; true if the name now points at an image it did not before.</summary>
    private async Task<bool> PullOneAsync(ImageReference reference, Platform? requested, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        Platform platform = requested ?? Platform.Default;
        bool explicitPlatform = requested is not null;
        string tagOrDigest = reference.Digest?.ToString() ?? reference.Tag ?? ImageReference.DefaultTag;
        FetchedManifest top = await TranslatedAsync(() => repository.GetManifestAsync(tagOrDigest, ct), reference);
        FetchedManifest manifest = top;
        if (top.Descriptor.MediaType is MediaTypes.DockerSchema1 or MediaTypes.DockerSchema1Signed)
            throw BerthException.Invalid(Manifests.Schema1Refusal(reference.ToString()));
        if (MediaTypes.IsIndex(top.Descriptor.MediaType))
        {
            Descriptor chosen = Manifests.Select(Manifests.ParseIndex(top.Content), platform);
            manifest = await TranslatedAsync(() => repository.GetManifestAsync(chosen.Digest, ct), reference);
        }
        else if (top.Descriptor.MediaType is not (MediaTypes.DockerManifest or MediaTypes.OciManifest))
            throw BerthException.Invalid($"unsupported manifest media type {top.Descriptor.MediaType}");
        ImageManifest image = Manifests.ParseImage(manifest.Content);
        progress.Report(ProgressUpdate.Message("Pulling from " + repository.Repository, tagOrDigest));

        byte[] config;
        await using (var blob = await repository.OpenBlobAsync(image.Config, ct))
            config = await Bounded.ReadAsync(blob, Bounded.MaxConfig, ct);
        if (explicitPlatform && !MediaTypes.IsIndex(top.Descriptor.MediaType) && PlatformOf(config) is Platform actual && !platform.Matches(actual))
            throw BerthException.NotFound($"image with reference {reference.FamiliarString} was found but does not match the specified platform: wanted {platform}, actual: {actual}");
        var diffIds = DiffIdsOf(config);
        if (diffIds.Count != image.Layers.Count)
            throw BerthException.Invalid($"invalid image: the manifest has {image.Layers.Count} layers, the config {diffIds.Count} diff IDs");
        string imageId = Digest.FromBytes(config);
        var chains = ChainId.For(diffIds);
        if (metadata.GetImage(imageId) is not null)
        {
            // As dockerd: an image already here needs no layer, and no layer line.
            return await RecordPulledAsync(reference, top.Descriptor.Digest, imageId, config, [], progress, ct);
        }

        // What is missing; each missing blob is fetched and unpacked in one pass, three at a time.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(MaxConcurrentDownloads);
        var missing = new bool[chains.Count];
        for (int i = 0; i < chains.Count; i++)
        {
            missing[i] = metadata.GetLayer(chains[i]) is null;
            progress.Report(new ProgressUpdate(missing[i] ? "Pulling fs layer" : "Already exists", Short(image.Layers[i].Digest)));
        }
        // A blob twice in one image is fetched once; its second layer is unpacked from the store.
        var fetching = new Dictionary<int, Task<UnpackedLayer>>();
        var seen = new HashSet<string>();
        for (int i = 0; i < chains.Count; i++)
            if (missing[i] && seen.Add(image.Layers[i].Digest))
                fetching[i] = FetchLayerAsync(repository, image.Layers[i], slots, progress, failed.Token);

        var added = new List<Layer>();
        try
        {
            string parent = "";
            for (int i = 0; i < chains.Count; i++)
            {
                if (missing[i])
                {
                    Descriptor blob = image.Layers[i];
                    string id = Short(blob.Digest);
                    await using var unpacked = fetching.TryGetValue(i, out var fetch) ? await fetch : await _unpacker.ApplyStoredAsync(blob.Digest, failed.Token);
                    progress.Report(new ProgressUpdate("Extracting", id, blob.Size, blob.Size));
                    if (unpacked.DiffId != diffIds[i])
                        throw BerthException.Invalid($"layer {blob.Digest} unpacks to {unpacked.DiffId}, the config says {diffIds[i]}");
                    Layer layer = await unpacked.CommitAsync(parent, failed.Token);
                    metadata.PutLayerBlob(layer.DiffId, blob);
                    added.Add(layer);
                    progress.Report(new ProgressUpdate("Pull complete", id));
                }
                parent = chains[i];
            }
        }
        catch
        {
            await failed.CancelAsync();
            // Whatever was fetched but not committed goes: its snapshot and its ingest.
            foreach (var fetch in fetching.Values)
            {
                try { await (await fetch).DisposeAsync(); }
                catch { } // the fetch's own error is this one's echo
            }
            throw;
        }

        return await RecordPulledAsync(reference, top.Descriptor.Digest, imageId, config, added, progress, ct);
    }

    /// <summary>The pull's one transaction (layers, image, tag, repo digest), then its "Digest:" line; true if the name moved.</summary>
    private async Task<bool> RecordPulledAsync(ImageReference reference, string manifestDigest, string imageId, byte[] config,
        IReadOnlyList<Layer> added, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        string? tag = reference.Digest is null ? reference.ToString() : null;
        string repoDigest = reference.FullName + "@" + manifestDigest;
        string? before = tag is not null ? metadata.ResolveTag(tag) : metadata.ResolveRepoDigest(repoDigest);
        await AddImageAsync(config, added, tag is null ? [] : [tag], ct, repoDigests: [repoDigest]);
        Emit(imageId, "pull", reference.FamiliarString);
        progress.Report(ProgressUpdate.Message("Digest: " + manifestDigest));
        return before != imageId;
    }

    /// <summary>
    /// One layer blob fetched and unpacked in the same pass (the engine's <see cref="Unpacker"/>),
    /// verified against its digest as it streams; a blob the store holds already is not fetched.
    /// </summary>
    private async Task<UnpackedLayer> FetchLayerAsync(IBlobFetcher fetcher, Descriptor blob, SemaphoreSlim slots, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        await Task.Yield();
        string id = Short(blob.Digest);
        if (slots.CurrentCount == 0)
            progress.Report(new ProgressUpdate("Waiting", id));
        await slots.WaitAsync(ct);
        try
        {
            if (_unpacker.HasBlob(blob.Digest))
            {
                progress.Report(new ProgressUpdate("Download complete", id));
                return await _unpacker.ApplyStoredAsync(blob.Digest, ct);
            }
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return await FetchOnceAsync(fetcher, blob, id, progress, ct);
                }
                catch (Exception e) when (attempt < MaxDownloadAttempts && !ct.IsCancellationRequested
                    && (e is HttpRequestException or IOException || e is RegistryException { Status: >= 500 }))
                {
                    // As dockerd: a broken transfer is tried again, a wrong digest is not.
                    int seconds = attempt * 5;
                    progress.Report(new ProgressUpdate($"Retrying in {seconds} second{(seconds == 1 ? "" : "s")}", id));
                    await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Layers are fetched this many times at most (dockerd's <c>max-download-attempts</c> default).</summary>
    public const int MaxDownloadAttempts = 5;

    /// <summary>One attempt: the blob streamed through the Unpacker, its digest checked at its end.</summary>
    private async Task<UnpackedLayer> FetchOnceAsync(IBlobFetcher fetcher, Descriptor blob, string id, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        long lastReported = 0;
        DateTime lastTime = DateTime.MinValue;
        await using var stream = await fetcher.OpenBlobAsync(blob, ct);
        await using var counting = new CountingStream(stream, new SyncProgress<long>(n =>
        {
            if (n - lastReported < 512 * 1024 && DateTime.UtcNow - lastTime < TimeSpan.FromMilliseconds(100) && n != blob.Size)
                return;
            (lastReported, lastTime) = (n, DateTime.UtcNow);
            progress.Report(new ProgressUpdate("Downloading", id, n, blob.Size));
        }));
        var unpacked = await _unpacker.ApplyAsync(counting, ct);
        if (unpacked.BlobDigest != blob.Digest)
        {
            await unpacked.DisposeAsync();
            throw BerthException.Invalid($"filesystem layer verification failed for digest {blob.Digest}");
        }
        progress.Report(new ProgressUpdate("Verifying Checksum", id));
        progress.Report(new ProgressUpdate("Download complete", id));
        return unpacked;
    }

    private static Platform? PlatformOf(byte[] config)
    {
        using var doc = JsonDocument.Parse(config);
        var root = doc.RootElement;
        string? os = root.TryGetProperty("os", out var o) ? o.GetString() : null;
        string? arch = root.TryGetProperty("architecture", out var a) ? a.GetString() : null;
        return string.IsNullOrEmpty(os) || string.IsNullOrEmpty(arch) ? null
            : new Platform(os, arch, root.TryGetProperty("variant", out var v) ? v.GetString() : null);
    }

    private static List<string> DiffIdsOf(byte[] config)
    {
        try
        {
            using var doc = JsonDocument.Parse(config);
            return doc.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => Digest.Parse(d.GetString() ?? "").ToString()).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw BerthException.Invalid("invalid image config: " + e.Message);
        }
    }

    /// <summary>The 12 hex characters Docker's progress lines name a layer by.</summary>
    private static string Short(string digest) => digest.Length > 19 ? digest[7..19] : digest;

    /// <summary>Docker's wording of a registry's refusal during a pull (moby <c>translatePullError</c>).</summary>
    private static async Task<T> TranslatedAsync<T>(Func<Task<T>> call, ImageReference reference)
    {
        try
        {
            return await call();
        }
        catch (RegistryException e)
        {
            string? message = e.Code switch
            {
                RegistryException.Denied => $"pull access denied for {reference.FamiliarName}, repository does not exist or may require 'docker login': {e.Message}",
                RegistryException.ManifestUnknown => $"manifest for {reference.FamiliarString} not found: {e.Message}",
                RegistryException.NameUnknown => $"repository {reference.FamiliarName} not found: {e.Message}",
                _ => null,
            };
            if (message is null)
                throw;
            throw new RegistryException(ErrorKind.NotFound, e.Code, message, e.Status);
        }
    }
}
