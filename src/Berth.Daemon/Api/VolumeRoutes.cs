using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Volumes;
using Berth.Daemon.Api.Models;
using Berth.Engine.Volumes;

namespace Berth.Daemon.Api;

/// <summary>The <c>/volumes</c> area: create, list, inspect, remove and prune volumes.</summary>
internal static class VolumeRoutes
{
    private static readonly HashSet<string> s_listFilters = ["dangling", "name", "label", "driver"];
    private static readonly HashSet<string> s_pruneFilters = ["label", "label!", "all"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/volumes", List);
        app.MapPost("/volumes/create", CreateAsync);
        app.MapGet("/volumes/{name}", (string name, VolumeService volumes) => Json.Ok(VolumeViews.Inspect(volumes.Get(name)), DaemonJson.Api.VolumeView));
        app.MapDelete("/volumes/{name}", (string name, string? force, VolumeService volumes) =>
        {
            volumes.Remove(name, ContainerRoutes.Flag(force));
            return Results.NoContent();
        });
        app.MapPost("/volumes/prune", Prune);
        // Updating is for swarm cluster volumes only; dockerd outside a swarm answers this.
        app.MapPut("/volumes/{name}", (string name) =>
            Task.FromException(new BerthException(ErrorKind.Unavailable, "volume update only valid for cluster volumes, but swarm is not initialized")));
    }

    private static IResult List(string? filters, VolumeService volumes)
    {
        var terms = FilterTerms.Parse(filters, s_listFilters.Contains);
        bool? dangling = terms.TryGetValue("dangling", out var d) ? d.Select(ParseBool).Distinct().SingleOrDefault() : null;
        var all = volumes.List();
        var used = dangling is null ? null : all.Where(v => volumes.UsedBy(v.Name).Count > 0).Select(v => v.Name).ToHashSet();
        var shown = all.Where(v => terms.All(t => t.Key switch
        {
            "name" => t.Value.Any(n => v.Name.Contains(n, StringComparison.Ordinal)),
            "driver" => t.Value.Contains(v.Driver),
            "label" => t.Value.All(l => HasLabel(v, l)),
            "dangling" => used!.Contains(v.Name) != dangling,
            _ => true,
        }));
        return Json.Ok(new VolumeListResponse(Volumes: shown.Select(VolumeViews.Inspect).ToList(), Warnings: []), DaemonJson.Api.VolumeListResponse);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, VolumeService volumes, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct);
        var r = body?.RootElement ?? default;
        var volume = volumes.Create(JsonFields.Text(r, "Name"), JsonFields.Text(r, "Driver"), JsonFields.Map(r, "Labels"), JsonFields.Map(r, "DriverOpts"));
        return Json.Ok(VolumeViews.Inspect(volume), DaemonJson.Api.VolumeView, 201);
    }

    /// <summary>
    /// Anonymous volumes only, unless the filter <c>all=true</c>; <c>label</c>/<c>label!</c>
    /// narrow it. Clients older than API 1.42 knew no anonymous-only prune: they get all, as
    /// Docker gives them.
    /// </summary>
    private static IResult Prune(string? filters, HttpContext context, VolumeService volumes)
    {
        bool old = ApiVersion.Below(context, "1.42");
        var terms = FilterTerms.Parse(filters, f => s_pruneFilters.Contains(f) && !(old && f == "all"));
        bool all = old || (terms.TryGetValue("all", out var a) && a.Any(ParseBool));
        var (deleted, reclaimed) = volumes.Prune(all, v =>
            (!terms.TryGetValue("label", out var with) || with.All(l => HasLabel(v, l)))
            && (!terms.TryGetValue("label!", out var without) || !without.Any(l => HasLabel(v, l))));
        return Json.Ok(new VolumePruneResponse(VolumesDeleted: deleted, SpaceReclaimed: reclaimed), DaemonJson.Api.VolumePruneResponse);
    }

    private static bool HasLabel(Volume v, string filter)
    {
        string[] kv = filter.Split('=', 2);
        return v.Labels.TryGetValue(kv[0], out string? value) && (kv.Length == 1 || value == kv[1]);
    }

    private static bool ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw BerthException.Invalid($"invalid filter 'dangling={value}'"),
    };


    internal sealed record VolumeListResponse(List<VolumeViews.VolumeView> Volumes, string[] Warnings);

    internal sealed record VolumePruneResponse(IReadOnlyList<string> VolumesDeleted, long SpaceReclaimed);
}
