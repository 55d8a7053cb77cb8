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
        var config = JsonSerializer.SerializeToNode(container.Config)!.AsObject();
        // As Docker's merge: what the request leaves empty, the container's config fills.
        foreach (var (key, value) in options.Config ?? [])
            if (!IsEmpty(value))
                config[key] = value!.DeepClone();
        ImageConfigChanges.Apply(config, options.Changes);

        Image parent = images.Resolve(container.ImageId);
        var chain = ImageStore.ChainOf(parent);
        string parentChain = chain.Count > 0 ? chain[^1] : "";
        var layers = new List<Layer>();
        string diffId;
        await using (var unpacked = await UnpackChangesAsync(changesDir, ct))
        {
            diffId = unpacked.DiffId;
            string layerChain = parentChain.Length == 0 ? diffId : ChainId.Next(parentChain, diffId);
            if (metadata.GetLayer(layerChain) is null)
                layers.Add(await unpacked.CommitAsync(parentChain, ct));
        }

        string created = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        var doc = JsonNode.Parse(parent.Config)!.AsObject();
        doc["author"] = options.Author ?? "";
        doc["comment"] = options.Comment ?? "";
        doc["config"] = config;
        doc["container"] = container.Id;
        doc["container_config"] = JsonSerializer.SerializeToNode(container.Config);
        doc["created"] = created;
        var history = doc["history"] as JsonArray ?? [];
        var entry = new JsonObject { ["created"] = created, ["created_by"] = string.Join(' ', container.Config.Cmd ?? []) };
        if (!string.IsNullOrEmpty(options.Author))
            entry["author"] = options.Author;
        if (!string.IsNullOrEmpty(options.Comment))
            entry["comment"] = options.Comment;
        history.Add(entry);
        doc["history"] = history;
        var diffIds = doc["rootfs"]?["diff_ids"] as JsonArray ?? [];
        diffIds.Add(diffId);
        doc["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds.DeepClone() };

        string id = await AddImageAsync(JsonSerializer.SerializeToUtf8Bytes(doc), layers, reference is null ? [] : [reference], ct);
        if (reference is not null)
            Emit(id, "tag", Familiar(reference));
        return id;
    }

    /// <summary>
    /// The container's changes as a layer tar, written straight into the <see cref="Unpacker"/>
    /// through a pipe: no temp file, and the one path every layer takes.
    /// </summary>
    private async Task<UnpackedLayer> UnpackChangesAsync(string changesDir, CancellationToken ct)
    {
        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            try
            {
                await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                    await LayerWriter.WriteAsync(changesDir, output, null, ct);
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
