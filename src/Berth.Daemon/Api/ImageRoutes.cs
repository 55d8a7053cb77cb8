using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Daemon.Api.Models;
using Berth.Engine.Distribution;
using Berth.Engine.Images;

namespace Berth.Daemon.Api;

/// <summary>
/// The <c>/images</c> area. Image names contain slashes (<c>host:5000/a/b</c>), so the routes
/// that end in a verb take the rest of the path and split the verb off, as dockerd's
/// <c>{name:.*}</c> routes do.
/// </summary>
internal static class ImageRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/images/json", List);
        app.MapPost("/images/create", CreateAsync);
        app.MapPost("/images/load", LoadAsync);
        app.MapGet("/images/get", SaveAsync);
        app.MapPost("/commit", CommitAsync);
        app.MapPost("/images/prune", Prune);
        app.MapGet("/images/search", SearchAsync);
        app.MapGet("/images/{**rest}", async (HttpContext context, string rest, ImageService service) =>
        {
            var (name, verb) = Split(rest);
            switch (verb)
            {
                case "json": await Json.Ok(ImageViews.Inspect(service.Inspect(name), ApiVersion.Of(context)), DaemonJson.Api.ImageInspectView).ExecuteAsync(context); break;
                case "history": await History(service.History(name)).ExecuteAsync(context); break;
                case "get": await SaveOneAsync(context, name, service); break;
                default: throw BerthException.NotFound("page not found");
            }
        });
        app.MapPost("/images/{**rest}", async (HttpContext context, string rest, string? repo, string? tag, ImageService service) =>
        {
            switch (Split(rest))
            {
                case (var name, "tag"): await TagImage(service, name, repo, tag).ExecuteAsync(context); break;
                case (var name, "push"): await PushAsync(context, name, tag); break;
                default: throw BerthException.NotFound("page not found");
            }
        });
        app.MapDelete("/images/{**name}", (string name, string? force, ImageService service) =>
            Json.Ok(service.Remove(name, ContainerRoutes.Flag(force)).Select(DeleteItem).ToList(), DaemonJson.Api.ListObject));
    }

    /// <summary><c>POST /commit</c>: an image from a container's changes; 201 with the new ID.</summary>
    private static async Task<IResult> CommitAsync(HttpRequest request, string? container, string? repo, string? tag, string? comment,
        string? author, string? pause, ImageService images, CancellationToken ct)
    {
        using var body = await Json.ReadAsync(request, ct);
        var config = body is { RootElement.ValueKind: JsonValueKind.Object } ? System.Text.Json.Nodes.JsonObject.Create(body.RootElement) : null;
        var options = new CommitOptions(repo, tag, author, comment, request.Query["changes"].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).ToList(), config);
        // API 1.13 and later: no pause parameter means pause.
        bool freeze = string.IsNullOrEmpty(pause) || ContainerRoutes.Flag(pause);
        string id = await images.CommitAsync(container ?? "", freeze, options, ct);
        return Json.Ok(new CommitResponse(id), DaemonJson.Api.CommitResponse, 201);
    }

    /// <summary>
    /// <c>POST /images/prune</c>: <c>dangling=false</c> (<c>-a</c>) prunes tagged images too;
    /// <c>label</c>, <c>label!</c> and <c>until</c> narrow it.
    /// </summary>
    private static IResult Prune(string? filters, ImageService images)
    {
        var filter = ImageFilter.ParseForPrune(filters);
        var report = images.Prune(filter.PrunesAll, filter.Matches);
        return Json.Ok(new ImagePruneResponse(ImagesDeleted: report.Deleted.Select(DeleteItem).ToList(), report.SpaceReclaimed), DaemonJson.Api.ImagePruneResponse);
    }

    /// <summary><c>GET /images/search</c>: the index's results, filtered by <c>stars</c>, <c>is-official</c>, <c>is-automated</c>.</summary>
    private static async Task<IResult> SearchAsync(HttpRequest request, string? term, int? limit, string? filters, DistributionService distribution, CancellationToken ct)
    {
        var terms = FilterTerms.Parse(filters, f => f is "stars" or "is-official" or "is-automated");
        int stars = 0;
        foreach (string s in terms.GetValueOrDefault("stars") ?? [])
            stars = int.TryParse(s, out int n) ? Math.Max(stars, n) : throw BerthException.Invalid($"invalid filter 'stars={s}'");
        bool? Flag(string name) => terms.GetValueOrDefault(name) is [var v, ..]
            ? bool.TryParse(v, out bool b) ? b : throw BerthException.Invalid($"invalid filter '{name}={v}'") : null;
        bool? official = Flag("is-official"), automated = Flag("is-automated");
        var credentials = RegistryAuthHeader.Decode(request.Headers[RegistryAuthHeader.Name]);
        var results = await distribution.SearchAsync(term ?? "", limit ?? 25,
            r => r.StarCount >= stars && (official is null || r.IsOfficial == official) && (automated is null || r.IsAutomated == automated), credentials, ct);
        return Json.Ok(results.Select(r => new SearchResultView(description: r.Description, is_official: r.IsOfficial, is_automated: r.IsAutomated, name: r.Name, star_count: r.StarCount)).ToList(), DaemonJson.Api.ListSearchResultView);
    }

    private static (string Name, string Verb) Split(string rest)
    {
        int slash = rest.LastIndexOf('/');
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary><c>POST /images/{name}/push?tag=</c>: a progress stream; credentials in <c>X-Registry-Auth</c>.</summary>
    private static Task PushAsync(HttpContext context, string name, string? tag)
    {
        var distribution = context.RequestServices.GetRequiredService<DistributionService>();
        var credentials = RegistryAuthHeader.Decode(context.Request.Headers[RegistryAuthHeader.Name]);
        return ProgressStream.RunAsync(context.Response, progress =>
            distribution.PushAsync(name, tag, credentials, progress, context.RequestAborted), context.RequestAborted);
    }

    private static IResult TagImage(ImageService service, string name, string? repo, string? tag)
    {
        if (string.IsNullOrEmpty(repo))
            throw BerthException.Invalid("repository name must have at least one component");
        service.Tag(name, repo, tag);
        return Results.StatusCode(201);
    }

    private static IResult List(string? all, string? filters, HttpContext context, ImageService images)
    {
        var filter = ImageFilter.Parse(filters, name => images.Inspect(name).Image);
        bool withVirtualSize = ApiVersion.Below(context, "1.44");
        return Json.Ok(images.List(filter.Matches, ContainerRoutes.Flag(all)).Select(s => ImageViews.Summary(filter.Restrict(s.Image), s.Containers, withVirtualSize: withVirtualSize)).ToList(), DaemonJson.Api.ListImageSummaryView);
    }

    private static IResult History(ImageHistory history) => Json.Ok(ImageViews.History(history.Image, history.LayerSizes), DaemonJson.Api.ListImageHistoryView);

    /// <summary>
    /// <c>fromSrc</c> imports a tarball (<c>-</c>: the request body); <c>fromImage</c> pulls, with
    /// the credentials of <c>X-Registry-Auth</c>.
    /// </summary>
    private static async Task CreateAsync(HttpContext context, ImageService service)
    {
        var q = context.Request.Query;
        string? fromSrc = q["fromSrc"];
        string? fromImage = q["fromImage"];
        if (string.IsNullOrEmpty(fromSrc))
        {
            if (string.IsNullOrEmpty(fromImage))
                throw BerthException.Invalid("fromImage or fromSrc is required");
            var distribution = context.RequestServices.GetRequiredService<DistributionService>();
            var credentials = RegistryAuthHeader.Decode(context.Request.Headers[RegistryAuthHeader.Name]);
            await ProgressStream.RunAsync(context.Response, progress =>
                distribution.PullAsync(fromImage, q["tag"], q["platform"], credentials, progress, context.RequestAborted), context.RequestAborted);
            return;
        }
        if (fromSrc != "-")
            throw new BerthException(ErrorKind.NotImplemented, "import from a URL is not supported yet; pipe the tarball on stdin");
        string? repo = q["repo"];
        string? tag = q["tag"];
        if (!string.IsNullOrEmpty(repo))
            ImageService.ParseTarget(repo, tag); // refuse a bad name before reading the body
        var progress = new JsonProgress(context.Response);
        await progress.StartAsync(context.RequestAborted);
        string id = await service.ImportAsync(context.Request.Body, repo, tag, q["changes"].Where(c => c is not null)!, q["message"], context.RequestAborted);
        await progress.StatusAsync(id, context.RequestAborted);
    }

    private static async Task LoadAsync(HttpContext context, ImageService service)
    {
        var progress = new JsonProgress(context.Response);
        await progress.StartAsync(context.RequestAborted);
        foreach (string line in await service.LoadAsync(context.Request.Body, context.RequestAborted))
            await progress.StreamAsync(line + "\n", context.RequestAborted);
    }

    private static async Task SaveAsync(HttpContext context, ImageService service)
    {
        var names = context.Request.Query["names"].Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
        await SaveNamesAsync(context, names, service);
    }

    private static Task SaveOneAsync(HttpContext context, string name, ImageService service) => SaveNamesAsync(context, [name], service);

    private static async Task SaveNamesAsync(HttpContext context, IReadOnlyList<string> names, ImageService service)
    {
        var plan = service.PlanSave(names); // resolves every name before the first byte goes out
        context.Response.ContentType = "application/x-tar";
        await service.SaveAsync(plan, context.Response.Body, context.RequestAborted);
    }


    /// <summary>An entry of remove's and prune's lists: <c>Untagged</c> or <c>Deleted</c>, as Docker writes each.</summary>
    private static object DeleteItem(ImageDeleteItem i) => i.Untagged is not null ? new UntaggedView(i.Untagged) : new DeletedView(i.Deleted);

    internal sealed record UntaggedView(string Untagged);

    internal sealed record DeletedView(string? Deleted);

    internal sealed record CommitResponse(string Id);

    internal sealed record ImagePruneResponse(List<object> ImagesDeleted, long SpaceReclaimed);

    internal sealed record SearchResultView(string description, bool is_official, bool is_automated, string name, int star_count);
}
