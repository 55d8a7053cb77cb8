using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker commit</c>: the container's changes (<paramref name="changesDir"/>, an overlay
    /// upper directory) become one layer on top of its image's; the config is the container's
    /// (image defaults already merged in at create), with the request's fields and
    /// <c>--change</c> instructions applied; the history gets one entry. Returns the image ID.
    /// </summary>
    public async Task<string> CommitAsync(Container container, string changesDir, CommitOptions options, CancellationToken ct)
    {
        string? reference = string.IsNullOrEmpty(options.Repo) ? null : ParseTarget(options.Repo, options.Tag);
        var config = JsonSerializer.SerializeToNode(container.Config, EngineJson.Default.ContainerConfig)!.AsObject();
        // As Docker's merge: what the request leaves empty, the container's config fills.
        foreach (var (key, value) in options.Config ?? [])
            if (!IsEmpty(value))
                config[key] = value!.DeepClone();
        ImageConfigChanges.Apply(config, options.Changes);

        string id = await CommitAsync(new ImageCommit(container.ImageId, config, container.Id, JsonSerializer.SerializeToNode(container.Config, EngineJson.Default.ContainerConfig), changesDir,
            string.Join(' ', container.Config.Cmd ?? []), options.Author ?? "", options.Comment ?? "", reference), ct);
        return id;
    }

    /// <summary>
    /// The one commit path (<c>docker commit</c> and every build step): the changes become one
    /// layer on top of the parent's (none when there are no changes: an <c>empty_layer</c> history
    /// entry, as Docker records metadata-only steps), the config and one history entry are added,
    /// and the image is stored, tagged with <see cref="ImageCommit.Reference"/> if given.
    /// </summary>
    public Task<string> CommitAsync(ImageCommit commit, CancellationToken ct) => LeasedAsync(() => CommitLeasedAsync(commit, ct));

    private async Task<string> CommitLeasedAsync(ImageCommit commit, CancellationToken ct)
    {
        Image? parent = commit.ParentId is null ? null : images.Resolve(commit.ParentId);
        var chain = parent is null ? [] : ImageStore.ChainOf(parent);
        string parentChain = chain.Count > 0 ? chain[^1] : "";
        var layers = new List<Layer>();
        string? diffId = null;
        if (commit.ChangesDir is not null && Directory.EnumerateFileSystemEntries(commit.ChangesDir).Any())
        {
            var writerOptions = commit.Created is { } clamp ? new LayerWriterOptions { ClampTime = clamp } : null;
            await using var unpacked = await UnpackChangesAsync(commit.ChangesDir, writerOptions, ct);
            diffId = unpacked.DiffId;
            string layerChain = parentChain.Length == 0 ? diffId : ChainId.Next(parentChain, diffId);
            if (metadata.GetLayer(layerChain) is null)
                layers.Add(await unpacked.CommitAsync(parentChain, ct));
        }

        string created = (commit.Created?.UtcDateTime ?? DateTime.UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        var doc = parent is null ? new JsonObject { ["architecture"] = "amd64", ["os"] = "linux" } : JsonNode.Parse(parent.Config)!.AsObject();
        doc["author"] = commit.Author ?? "";
        doc["comment"] = commit.Comment ?? "";
        doc["config"] = commit.Config;
        doc["container"] = commit.ContainerId;
        doc["container_config"] = commit.ContainerConfig?.DeepClone();
        doc["created"] = created;
        if (commit.Author is null && commit.Comment is null)
        {
            // A build step's image, as Docker's builder writes it: no author or comment fields.
            doc.Remove("author");
            doc.Remove("comment");
        }
        var history = doc["history"] as JsonArray ?? [];
        var entry = new JsonObject { ["created"] = created, ["created_by"] = commit.CreatedBy };
        if (!string.IsNullOrEmpty(commit.Author))
            entry["author"] = commit.Author;
        if (!string.IsNullOrEmpty(commit.Comment))
            entry["comment"] = commit.Comment;
        if (diffId is null)
            entry["empty_layer"] = true;
        history.Add((JsonNode)entry);
        doc["history"] = history;
        var diffIds = doc["rootfs"]?["diff_ids"] as JsonArray ?? [];
        if (diffId is not null)
            diffIds.Add((JsonNode)diffId);
        doc["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds.DeepClone() };

        string id = await AddImageAsync(JsonSerializer.SerializeToUtf8Bytes(doc, EngineJson.Default.JsonObject), layers, commit.Reference is null ? [] : [commit.Reference], ct, parent?.Id ?? "");
        if (commit.Reference is not null)
            Emit(id, "tag", Familiar(commit.Reference));
        return id;
    }

    /// <summary>
    /// An image whose layers are all present already (a build step restored from a
    /// <c>--cache-from</c> image's history): the config is stored and the image recorded on
    /// <paramref name="parentId"/>. Returns the image ID.
    /// </summary>
    public Task<string> AddFromLayersAsync(byte[] config, string? parentId, CancellationToken ct) =>
        AddImageAsync(config, [], [], ct, parentId ?? "");

    /// <summary>
    /// The container's changes as a layer tar, written straight into the <see cref="Unpacker"/>
    /// through a pipe: no temp file, and the one path every layer takes.
    /// </summary>
    private async Task<UnpackedLayer> UnpackChangesAsync(string changesDir, LayerWriterOptions? writerOptions, CancellationToken ct)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            try
            {
                await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                    await LayerWriter.WriteAsync(changesDir, output, writerOptions, ct);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        }); // not cancelled before it starts: the pipe's reader would wait for it forever
        UnpackedLayer unpacked;
        try
        {
            await using var input = pipe.Reader.AsStream();
            unpacked = await _unpacker.ApplyAsync(input, ct);
        }
        catch
        {
            // The reader's end is closed: the writer's writes go nowhere now, and it soon ends.
            await Task.WhenAny(writing);
            throw;
        }
        try
        {
            await writing;
        }
        catch
        {
            await unpacked.DisposeAsync();
            throw;
        }
        return unpacked;
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>().Length == 0,
            JsonValueKind.False or JsonValueKind.Null => true,
            JsonValueKind.Number => v.GetValue<double>() == 0,
            _ => false,
        },
        _ => false,
    };
}
