using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Core.Snapshots;
using Berth.Engine.Archive;
using Berth.Engine.Events;
using Berth.Engine.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Engine.Images;

/// <summary>
/// Images: import, tag, commit, remove, and (in <c>ImageService.Archive.cs</c>) load and save.
/// A new image's blobs and layers are written first; its rows go in last, in one
/// transaction, so a crash in between leaves only unreferenced files, which the
/// <see cref="GarbageCollector"/> removes at the next start; an operation that fails has them
/// removed as soon as no other is writing (<see cref="LeasedAsync{T}"/>).
/// </summary>
/// <param name="limits">What an untrusted layer or archive may cost to unpack; the defaults if null.</param>
/// <param name="tempDir">Where a save spools a layer it cannot read twice; the system's temp directory if null.</param>
public sealed partial class ImageService(MetadataStore metadata, IImageStore images, IContentStore content, ISnapshotter snapshots,
    IContainerCatalog containers, IContainerFreezer freezer, EventLog events, ArchiveLimits? limits = null, string? tempDir = null,
    ILogger<ImageService>? log = null)
{
    private readonly Unpacker _unpacker = new(content, snapshots, limits ?? ArchiveLimits.Default);

    /// <summary>Collects what failed operations and crashes left; see <see cref="GarbageCollector"/>.</summary>
    public GarbageCollector Garbage { get; } = new(metadata, content, snapshots, (ILogger?)log ?? NullLogger.Instance);

    /// <summary>
    /// Runs an operation that writes blobs or layers under a lease, so no collection runs
    /// meanwhile; if it fails, what it wrote and no row references is collected once nothing
    /// else is writing.
    /// </summary>
    private async Task<T> LeasedAsync<T>(Func<Task<T>> operation)
    {
        using var lease = Garbage.Lease();
        try
        {
            return await operation();
        }
        catch
        {
            Garbage.CollectWhenIdle();
            throw;
        }
    }

    private Task LeasedAsync(Func<Task> operation) => LeasedAsync(async () => { await operation(); return 0; });

    /// <summary>Unpacks a layer stream, storing its blob in the same pass (see <see cref="Unpacker"/>).</summary>
    private Task<Layer> AddLayerAsync(Stream blob, string parentChain, CancellationToken ct) =>
        _unpacker.UnpackAsync(blob, parentChain, ct);

    /// <summary><c>docker import</c>: one layer from a tar, a config from the changes; returns the image ID.</summary>
    public Task<string> ImportAsync(Stream tar, string? repo, string? tag, IEnumerable<string> changes, string? message, CancellationToken ct) =>
        LeasedAsync(() => ImportLeasedAsync(tar, repo, tag, changes, message, ct));

    private async Task<string> ImportLeasedAsync(Stream tar, string? repo, string? tag, IEnumerable<string> changes, string? message, CancellationToken ct)
    {
        string? reference = repo is null or "" ? null : ParseTarget(repo, tag);
        Layer layer = await AddLayerAsync(tar, "", ct);
        var config = new JsonObject();
        ImageConfigChanges.Apply(config, changes);
        string created = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        string comment = string.IsNullOrEmpty(message) ? "Imported from -" : message;
        var doc = new JsonObject
        {
            ["architecture"] = "amd64",
            ["comment"] = comment,
            ["config"] = config,
            ["created"] = created,
            ["history"] = new JsonArray(new JsonObject { ["created"] = created, ["comment"] = comment }),
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layer.DiffId) },
        };
        string id = await AddImageAsync(JsonSerializer.SerializeToUtf8Bytes(doc, EngineJson.Default.JsonObject), [layer], reference is null ? [] : [reference], ct);
        Emit(id, "import");
        return id;
    }

    /// <param name="parent">The image this one was committed on (a build's previous step), as Docker records it; "" for none.</param>
    /// <param name="repoDigests">The <c>repository@digest</c> names a pull records.</param>
    private async Task<string> AddImageAsync(byte[] config, IReadOnlyList<Layer> layers, IReadOnlyList<string> tags, CancellationToken ct, string parent = "",
        IReadOnlyList<string>? repoDigests = null)
    {
        var (id, _) = await content.WriteAsync(config, ct);
        using var doc = JsonDocument.Parse(config);
        var root = doc.RootElement;
        var diffIds = root.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
        DateTime created = root.TryGetProperty("created", out var c) && c.TryGetDateTime(out var t) ? t.ToUniversalTime() : DateTime.UtcNow;
        long size = ChainId.For(diffIds).Sum(chain => layers.FirstOrDefault(l => l.ChainId == chain)?.Size ?? metadata.GetLayer(chain)?.Size ?? 0);
        metadata.PutImage(new Image { Id = id, Config = config, DiffIds = diffIds, Created = created, Size = size, Parent = parent }, layers, tags, repoDigests);
        return id;
    }

    /// <summary><c>repo[:tag]</c> plus an optional separate tag, normalised; a digest is refused.</summary>
    public static string ParseTarget(string repo, string? tag)
    {
        var reference = ImageReference.Parse(string.IsNullOrEmpty(tag) ? repo : repo + ":" + tag);
        if (reference.Digest is not null)
            throw BerthException.Invalid("refusing to create a tag with a digest reference");
        // sha256:<hex> would read as an image ID.
        if (reference.FamiliarName == "sha256")
            throw BerthException.Invalid("refusing to create an ambiguous tag using digest algorithm as name");
        return reference.ToString();
    }

    public void Tag(string source, string repo, string? tag)
    {
        string target = ParseTarget(repo, tag); // as dockerd: the new name is checked before the image is looked up
        Image image = images.Resolve(source);
        metadata.Tag(target, image.Id);
        Emit(image.Id, "tag", Familiar(target));
    }

    /// <summary>Publishes an image event; <c>name</c> is the reference it concerns, if any.</summary>
    private void Emit(string imageId, string action, string? name = null) =>
        events.Publish("image", action, imageId, name is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["name"] = name });
}
