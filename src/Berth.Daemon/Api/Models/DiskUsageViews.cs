using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Engine.Services;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// <c>GET /system/df</c>'s body: the list views of images, containers and volumes, with the
/// sizes only this call computes (<c>SharedSize</c>, <c>SizeRw</c>/<c>SizeRootFs</c>,
/// <c>UsageData</c>), and the build cache's records as Docker's <c>BuildCache</c> objects
/// (<c>BuilderSize</c> their sum). dockerd 20.10 lists none for its classic builder's steps; ours
/// are listed, so <c>system df</c> shows what <c>builder prune</c> can take. With no records the
/// field is an empty list (dockerd's null, but the API description types it as an array).
/// </summary>
internal static class DiskUsageViews
{
    public static DiskUsageView Render(DiskUsage usage, Func<Core.Containers.Container, IReadOnlyDictionary<string, string>> networkIds) => new(
        LayersSize: usage.LayersSize,
        Images: usage.Images?.Select(i => ImageViews.Summary(i.Summary.Image, i.Summary.Containers, i.SharedSize)).ToList(),
        Containers: usage.Containers?.Select(c => With(ContainerViews.Summary(c.Container, c.Container.Config.Image, networkIds(c.Container)),
            ("SizeRw", c.SizeRw), ("SizeRootFs", c.SizeRootFs))).ToList(),
        Volumes: usage.Volumes?.Select(v => With(VolumeViews.Inspect(v.Volume),
            ("UsageData", new UsageDataView(v.Size, v.RefCount)))).ToList(),
        BuildCache: usage.BuildCache?.Select(BuildCacheView).ToList() ?? [],
        BuilderSize: usage.BuildCache?.Sum(r => r.Size) ?? 0);

    private static BuildCacheItemView BuildCacheView(Core.Build.BuildCacheRecord r) => new(
        ID: r.Id,
        Parent: r.Parent ?? "",
        Parents: r.Parent is null ? Array.Empty<string>() : [r.Parent],
        Type: r.Type,
        Description: r.Description,
        InUse: r.InUse,
        Shared: r.Shared,
        Size: r.Size,
        CreatedAt: r.CreatedAt.UtcDateTime,
        LastUsedAt: r.LastUsedAt?.UtcDateTime,
        UsageCount: r.UsageCount);

    /// <summary>A list view with the df-only fields added after its own.</summary>
    private static JsonObject With<T>(T view, params (string Name, object Value)[] fields)
    {
        var node = JsonSerializer.SerializeToNode(view, Json.Info<T>())!.AsObject();
        foreach (var (name, value) in fields)
            node[name] = JsonSerializer.SerializeToNode(value, Json.Options.GetTypeInfo(value.GetType()));
        return node;
    }

    internal sealed record DiskUsageView(long LayersSize, List<ImageViews.ImageSummaryView>? Images, List<JsonObject>? Containers, List<JsonObject>? Volumes,
        List<BuildCacheItemView> BuildCache, long BuilderSize);

    internal sealed record UsageDataView(long Size, int RefCount);

    internal sealed record BuildCacheItemView(string ID, string Parent, string[] Parents, string Type, string Description, bool InUse, bool Shared,
        long Size, DateTime CreatedAt, DateTime? LastUsedAt, int UsageCount);
}
