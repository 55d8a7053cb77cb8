using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The plugin API as a daemon with no plugins installed answers it: an empty list, and
/// dockerd's <c>plugin "NAME" not found</c> (404) for a named one. Berth has no managed plugin
/// system, so installing one (pull, privileges, create) is refused with 501.
/// </summary>
internal static class PluginRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plugins", () => Json.Ok(Array.Empty<object>(), DaemonJson.Api.ObjectArray));
        app.MapGet("/plugins/privileges", Unsupported);
        app.MapPost("/plugins/pull", Unsupported);
        app.MapPost("/plugins/create", Unsupported);
        app.MapGet("/plugins/{name}/json", NotFound);
        app.MapDelete("/plugins/{name}", NotFound);
        foreach (string action in new[] { "enable", "disable", "upgrade", "push", "set" })
            app.MapPost($"/plugins/{{name}}/{action}", NotFound);
    }

    private static IResult NotFound(string name) => throw BerthException.NotFound($"plugin \"{name}\" not found");

    private static IResult Unsupported() => throw new BerthException(ErrorKind.NotImplemented, "Berth does not support managed plugins");
}
