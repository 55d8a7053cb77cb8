using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Images;

namespace Berth.Engine.Build;

public sealed partial class BuildService
{
    /// <summary>
    /// <c>--cache-from</c>, as moby's <c>image/cache</c>: with no local record for a step, an image
    /// named by <c>--cache-from</c> whose history starts with the parent's (same history entries,
    /// same layers) and whose next history entry was made by this step's command is a hit. Its last
    /// entry is that image itself; an earlier one becomes an image of its own: the parent's history
    /// and layers plus that entry and its layer (already present, as the source image holds it).
    /// After one hit only that source is followed, as moby does. Returns the image ID, or null.
    /// </summary>
    private async Task<string?> FromCacheSourcesAsync(BuildRun run, BuildStage stage, ContainerConfig probe, CancellationToken ct)
    {
        if (run.Options.CacheFrom.Count == 0)
            return null;
        run.CacheSources ??= run.Options.CacheFrom.Select(images.TryResolve).OfType<Image>().Select(i => (i, JsonNode.Parse(i.Config)!.AsObject())).ToList();
        var parent = stage.ImageId is null ? null : JsonNode.Parse(images.Resolve(stage.ImageId).Config)!.AsObject();
        var parentHistory = History(parent);
        var parentLayers = DiffIds(parent);
        string createdBy = string.Join(' ', probe.Cmd ?? []);
        foreach (var (source, config) in run.CacheSources)
        {
            var history = History(config);
            var layers = DiffIds(config);
            if (history.Count <= parentHistory.Count || layers.Count < parentLayers.Count
                || !parentHistory.Select((h, i) => JsonNode.DeepEquals(h, history[i])).All(same => same)
                || !parentLayers.SequenceEqual(layers.Take(parentLayers.Count))
                || (string?)history[parentHistory.Count]?["created_by"] != createdBy)
                continue;
            run.CacheSources = [(source, config)];
            if (history.Count == parentHistory.Count + 1)
                return source.Id;
            return await RestoreStepAsync(stage, parent, config, history, parentHistory.Count, ct);
        }
        return null;
    }

    /// <summary>
    /// With <c>--cache-from</c>, moby's image cache takes a local hit only when it is one of the
    /// named images or their ancestors: the named images stand for the whole cache, so a name
    /// that matches no image leaves none.
    /// </summary>
    private bool InCacheSources(BuildRun run, Image hit)
    {
        if (run.Options.CacheFrom.Count == 0)
            return true;
        foreach (var source in run.Options.CacheFrom.Select(images.TryResolve).OfType<Image>())
            for (Image? i = source; i is not null; i = i.Parent.Length == 0 ? null : images.TryResolve(i.Parent))
                if (i.Id == hit.Id)
                    return true;
        return false;
    }

    /// <summary>The image of one step of a cache source: the parent's config with the step's history entry and layer.</summary>
    private async Task<string> RestoreStepAsync(BuildStage stage, JsonObject? parent, JsonObject source, List<JsonNode?> history, int index, CancellationToken ct)
    {
        var entry = history[index]!;
        var doc = parent?.DeepClone().AsObject() ?? new JsonObject { ["architecture"] = source["architecture"]?.DeepClone(), ["os"] = source["os"]?.DeepClone() };
        doc.Remove("container");
        doc.Remove("container_config");
        doc["config"] = JsonSerializer.SerializeToNode(stage.Config with { Image = stage.ImageId ?? "" }, EngineJson.Default.ContainerConfig);
        doc["created"] = entry["created"]?.DeepClone();
        var diffIds = new JsonArray([.. DiffIds(parent).Select(d => (JsonNode)JsonValue.Create(d))]);
        if (entry["empty_layer"]?.GetValue<bool>() != true)
        {
            // The step's layer: as many layers in as non-empty entries before it.
            int layer = history.Take(index).Count(h => h?["empty_layer"]?.GetValue<bool>() != true);
            diffIds.Add((JsonNode)DiffIds(source)[layer]);
        }
        doc["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds };
        doc["history"] = new JsonArray([.. History(parent).Select(h => h?.DeepClone()), entry.DeepClone()]);
        return await imageService.AddFromLayersAsync(JsonSerializer.SerializeToUtf8Bytes(doc, EngineJson.Default.JsonObject), stage.ImageId, ct);
    }

    private static List<JsonNode?> History(JsonObject? config) => config?["history"] is JsonArray a ? [.. a] : [];

    private static List<string> DiffIds(JsonObject? config) =>
        config?["rootfs"]?["diff_ids"] is JsonArray a ? [.. a.Select(d => d!.GetValue<string>())] : [];
}
