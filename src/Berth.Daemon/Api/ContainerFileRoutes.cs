using Berth.Core.Errors;
using Berth.Engine.Files;

namespace Berth.Daemon.Api;

/// <summary>The file parts of the <c>/containers</c> area: changes (diff), export, and the archive API (cp).</summary>
internal static class ContainerFileRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/containers/{id}/changes", (string id, ContainerFileService files) =>
            Json.Ok(files.Changes(id).Select(c => new ChangeView(c.Path, Kind: (int)c.Kind)).ToList(), DaemonJson.Api.ListChangeView));
        app.MapGet("/containers/{id}/export", ExportAsync);
        app.MapMethods("/containers/{id}/archive", ["HEAD"], (string id, string? path, HttpResponse response, ContainerFileService files) =>
        {
            response.Headers[PathStatHeader.Name] = PathStatHeader.Encode(files.StatPath(id, Required(path)));
            return Results.Ok();
        });
        app.MapGet("/containers/{id}/archive", ArchiveAsync);
        app.MapPut("/containers/{id}/archive", async (string id, string? path, string? noOverwriteDirNonDir, string? copyUIDGID,
            HttpRequest request, ContainerFileService files, CancellationToken ct) =>
        {
            await files.ExtractAsync(id, Required(path), request.Body, Flag(noOverwriteDirNonDir), Flag(copyUIDGID), ct);
            return Results.Ok();
        });
    }

    private static bool Flag(string? value) => value is "1" or "true" or "True";

    private static string Required(string? path) =>
        string.IsNullOrEmpty(path) ? throw BerthException.Invalid("path cannot be empty") : path;

    private static async Task ArchiveAsync(string id, string? path, HttpResponse response, ContainerFileService files, CancellationToken ct)
    {
        await files.ArchiveAsync(id, Required(path), stat =>
        {
            response.Headers[PathStatHeader.Name] = PathStatHeader.Encode(stat);
            response.ContentType = "application/x-tar";
            BulkResponse.WidenSendBuffer(response);
        }, response.BodyWriter, ct);
    }

    /// <summary>Nothing is written before the container is found and its rootfs mounted, so those errors still get a status.</summary>
    private static async Task ExportAsync(string id, HttpResponse response, ContainerFileService files, CancellationToken ct)
    {
        response.ContentType = "application/x-tar";
        BulkResponse.WidenSendBuffer(response);
        await files.ExportAsync(id, response.BodyWriter, ct);
    }


    internal sealed record ChangeView(string Path, int Kind);
}
