using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Engine.Services;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// <c>GET /system/df</c>'s body: the list views of images, containers and volumes, with the
/// sizes only this call computes (<c>SharedSize</c>, <c>SizeRw</c>/<c>SizeRootFs</c>,
/// <c>UsageData</c>). The classic builder keeps no build-cache records, so <c>BuildCache</c> is empty.
/// </summary>
internal static class DiskUsageViews
{
    public static object Render(DiskUsage usage, Func<Core.Containers.Container, IReadOnlyDictionary<string, string>> networkIds) => new
    {
        usage.LayersSize,
        Images = usage.Images?.Select(i => ImageViews.Summary(i.Summary.Image, i.Summary.Containers, i.SharedSize)).ToList(),
        Containers = usage.Containers?.Select(c => With(ContainerViews.Summary(c.Container, c.Container.Config.Image, networkIds(c.Container)),
            ("SizeRw", c.SizeRw), ("SizeRootFs", c.SizeRootFs))).ToList(),
        Volumes = usage.Volumes?.Select(v => With(VolumeViews.Inspect(v.Volume),
            ("UsageData", new { v.Size, v.RefCount }))).ToList(),
        BuildCache = Array.Empty<object>(),
        BuilderSize = 0,
    };

    /// <summary>A list view with the df-only fields added after its own.</summary>
    private static JsonObject With(object view, params (string Name, object Value)[] fields)
    {
        var node = JsonSerializer.SerializeToNode(view, Json.Options)!.AsObject();
        foreach (var (name, value) in fields)
            node[name] = JsonSerializer.SerializeToNode(value, Json.Options);
        return node;
    }
}
