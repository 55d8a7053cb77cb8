using System.IO.Compression;
using System.IO.Pipelines;
using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Distribution;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>Layers uploaded at once (dockerd's <c>max-concurrent-uploads</c> default).</summary>
    public const int MaxConcurrentUploads = 5;

    /// <summary>
    /// <c>docker push</c> of one tag, or of every tag of the repository when <paramref name="reference"/>
    /// has none. Per tag:
    /// <code>
    ///   each layer's compressed blob (as pulled, or gzipped once and remembered) ─▶ "Preparing"
    ///   5 at a time: HEAD ─▶ "Layer already exists" | mount from the repo it was pulled from ─▶ "Mounted from R"
    ///                | POST + PUT ?digest= ─▶ "Pushing", "Pushed"
    ///   the config blob, then the schema 2 manifest last ─▶ "TAG: digest: D size: N", aux {Tag, Digest, Size}
    /// </code>
    /// The blobs are the same every time, so pushing an image twice gives the same manifest digest.
    /// </summary>
    public Task PushAsync(ImageReference reference, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct) =>
        LeasedAsync(() => PushLeasedAsync(reference, repository, progress, ct));

    private async Task PushLeasedAsync(ImageReference reference, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var targets = new List<(string Tag, Image Image)>();
        if (reference.Tag is not null)
        {
            Image image = images.TryResolve(reference.ToString()) is Image i && metadata.ResolveTag(reference.ToString()) is not null
                ? i : throw BerthException.NotFound($"An image does not exist locally with the tag: {reference.FamiliarName}");
            targets.Add((reference.Tag, image));
        }
        else
        {
            string prefix = reference.FullName + ":";
            foreach (Image image in metadata.ListImages())
                foreach (string tag in image.Tags.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)))
                    targets.Add((tag[prefix.Length..], image));
            if (targets.Count == 0)
                throw BerthException.NotFound($"An image does not exist locally with the tag: {reference.FamiliarName}");
            targets.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        }
        progress.Report(ProgressUpdate.Message($"The push refers to repository [{reference.FullName}]"));
        foreach (var (tag, image) in targets)
            await PushOneAsync(reference, tag, image, repository, progress, ct);
    }

    private async Task PushOneAsync(ImageReference reference, string tag, Image image, IRepositoryClient repository, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        // Top layer first, as dockerd lists them.
        var blobs = new Descriptor[image.DiffIds.Count];
        for (int i = 0; i < blobs.Length; i++)
            blobs[i] = await CompressedBlobAsync(image, i, ct);
        for (int i = blobs.Length - 1; i >= 0; i--)
            progress.Report(new ProgressUpdate("Preparing", Short(image.DiffIds[i])));

        var mountFrom = image.RepoDigests
            .Select(d => ImageReference.TryParse(d, out var r) ? r : null)
            .Where(r => r is not null && r.Domain == reference.Domain && r.Path != repository.Repository)
            .Select(r => r!.Path).FirstOrDefault();
        using var slots = new SemaphoreSlim(MaxConcurrentUploads);
        var uploads = new List<Task>();
        for (int i = blobs.Length - 1; i >= 0; i--)
            uploads.Add(UploadLayerAsync(repository, blobs[i], Short(image.DiffIds[i]), mountFrom, slots, progress, ct));
        await Task.WhenAll(uploads);

        var config = ConfigDescriptor(image);
        if (!await repository.BlobExistsAsync(config.Digest, ct))
            await repository.PushBlobAsync(config, new MemoryStream(image.Config), null, ct);
        byte[] manifest = Schema2Manifest(config, blobs);
        string digest = await repository.PutManifestAsync(tag, MediaTypes.DockerManifest, manifest, ct);
        metadata.PutRepoDigest(reference.FullName + "@" + digest, image.Id);
        Emit(image.Id, "push", reference.FamiliarName + ":" + tag);
        progress.Report(ProgressUpdate.Message($"{tag}: digest: {digest} size: {manifest.Length}"));
        progress.Report(new ProgressUpdate("") { Aux = new PushResult(tag, digest, manifest.Length) });
    }

    /// <summary>
    /// The schema 2 manifest a push of <paramref name="image"/> sends, and the blobs it names
    /// (config first): what the built-in registry serves for a local image.
    /// </summary>
    public async Task<(byte[] Manifest, IReadOnlyList<string> Blobs)> Schema2ManifestAsync(Image image, CancellationToken ct)
    {
        var layers = new Descriptor[image.DiffIds.Count];
        for (int i = 0; i < layers.Length; i++)
            layers[i] = await CompressedBlobAsync(image, i, ct);
        var config = ConfigDescriptor(image);
        return (Schema2Manifest(config, layers), [config.Digest, .. layers.Select(l => l.Digest)]);
    }

    private static Descriptor ConfigDescriptor(Image image) => new(MediaTypes.DockerConfig, image.Id, image.Config.Length);

    private async Task UploadLayerAsync(IRepositoryClient repository, Descriptor blob, string id, string? mountFrom, SemaphoreSlim slots,
        IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        await Task.Yield();
        if (slots.CurrentCount == 0)
            progress.Report(new ProgressUpdate("Waiting", id));
        await slots.WaitAsync(ct);
        try
        {
            if (await repository.BlobExistsAsync(blob.Digest, ct))
            {
                progress.Report(new ProgressUpdate("Layer already exists", id));
                return;
            }
            if (mountFrom is not null && await repository.MountBlobAsync(blob.Digest, mountFrom, ct))
            {
                progress.Report(new ProgressUpdate("Mounted from " + mountFrom, id));
                return;
            }
            DateTime last = DateTime.MinValue;
            await using (var stream = content.Open(blob.Digest))
                await repository.PushBlobAsync(blob, stream, new SyncProgress<long>(n =>
                {
                    if (DateTime.UtcNow - last < TimeSpan.FromMilliseconds(100) && n != blob.Size)
                        return;
                    last = DateTime.UtcNow;
                    progress.Report(new ProgressUpdate("Pushing", id, n, blob.Size));
                }), ct);
            progress.Report(new ProgressUpdate("Pushed", id));
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// The gzip blob to push for layer <paramref name="index"/>: one recorded for its diff ID
    /// (as pulled, or compressed by an earlier push) if still stored, else the layer's own blob
    /// if it is gzip, else that blob gzipped now, stored and recorded.
    /// </summary>
    private async Task<Descriptor> CompressedBlobAsync(Image image, int index, CancellationToken ct)
    {
        string diffId = image.DiffIds[index];
        foreach (Descriptor known in metadata.GetLayerBlobs(diffId))
            if (known.MediaType is MediaTypes.DockerLayerGzip or MediaTypes.OciLayerGzip && content.Exists(known.Digest))
                return known with { MediaType = MediaTypes.DockerLayerGzip };
        string chain = ImageStore.ChainOf(image)[index];
        Layer layer = metadata.GetLayer(chain) ?? throw BerthException.NotFound($"layer {diffId} of image {image.Id} does not exist");
        if (!content.Exists(layer.BlobDigest))
            throw BerthException.NotFound($"the blob of layer {diffId} is missing from the content store");
        Descriptor blob;
        if (await IsGzipAsync(layer.BlobDigest, ct))
        {
            long size;
            await using (var stored = content.Open(layer.BlobDigest))
                size = stored.Length;
            blob = new Descriptor(MediaTypes.DockerLayerGzip, layer.BlobDigest, size);
        }
        else
        {
            var pipe = new Pipe();
            var compress = Task.Run(async () =>
            {
                try
                {
                    await using (var source = await Archive.Decompression.OpenAsync(content.Open(layer.BlobDigest), ct))
                    await using (var gzip = new GZipStream(pipe.Writer.AsStream(), CompressionLevel.Optimal))
                        await source.CopyToAsync(gzip, ct);
                    await pipe.Writer.CompleteAsync();
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e);
                }
            }, ct);
            var (digest, size) = await content.WriteAsync(pipe.Reader.AsStream(), null, ct);
            await compress;
            blob = new Descriptor(MediaTypes.DockerLayerGzip, digest, size);
        }
        metadata.PutLayerBlob(diffId, blob);
        return blob;
    }

    private async Task<bool> IsGzipAsync(string digest, CancellationToken ct)
    {
        await using var stream = content.Open(digest);
        byte[] magic = new byte[2];
        return await stream.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>A Docker schema 2 manifest, laid out as dockerd writes it (three-space indent).</summary>
    private static byte[] Schema2Manifest(Descriptor config, IReadOnlyList<Descriptor> layers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true, IndentSize = 3,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+json" as is, not "\u002Bjson"
        }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaTypes.DockerManifest);
            json.WritePropertyName("config");
            WriteDescriptor(json, config);
            json.WriteStartArray("layers");
            foreach (Descriptor layer in layers)
                WriteDescriptor(json, layer);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter json, Descriptor d)
    {
        json.WriteStartObject();
        json.WriteString("mediaType", d.MediaType);
        json.WriteNumber("size", d.Size);
        json.WriteString("digest", d.Digest);
        json.WriteEndObject();
    }
}
