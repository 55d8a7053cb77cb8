using Berth.Engine.Files;

namespace Berth.Daemon.Api;

/// <summary>The file parts of the <c>/containers</c> area: changes (diff) and export.</summary>
internal static class ContainerFileRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/containers/{id}/changes", (string id, ContainerFileService files) =>
            Json.Ok(files.Changes(id).Select(c => new { c.Path, Kind = (int)c.Kind }).ToList()));
        app.MapGet("/containers/{id}/export", ExportAsync);
    }

    /// <summary>Nothing is written before the container is found and its rootfs mounted, so those errors still get a status.</summary>
    private static async Task ExportAsync(string id, HttpResponse response, ContainerFileService files, CancellationToken ct)
    {
        response.ContentType = "application/x-tar";
        await files.ExportAsync(id, response.Body, ct);
    }
}
