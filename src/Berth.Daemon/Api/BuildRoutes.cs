using System.Text.Json;
using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Daemon.Api;

/// <summary>
/// <c>POST /build</c>, the classic builder: the body is the context (a tar, maybe compressed, or
/// a Dockerfile alone), or <c>remote</c> names a URL to fetch it from; the answer is a JSON
/// message stream. As dockerd, the 200 goes out with the first message, so errors before any
/// output (a bad Dockerfile) are plain API errors and later ones are in-band.
/// </summary>
internal static class BuildRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/build", BuildAsync);
        app.MapPost("/build/prune", (HttpContext context, BuildService builder) =>
            Json.Ok(builder.PruneCache(Flag(context.Request.Query["all"]), BuildCacheFilter.Parse(context.Request.Query["filters"])), DaemonJson.Api.BuildCachePruneReport));
    }

    private static async Task BuildAsync(HttpContext context, BuildService builder)
    {
        var options = ParseOptions(context.Request.Query) with { RegistryAuths = RegistryAuthHeader.DecodeConfig(context.Request.Headers["X-Registry-Config"]) };
        var output = new BuildOutput(new JsonProgress(context.Response), options.Quiet);
        var ct = context.RequestAborted;
        try
        {
            string id = await builder.BuildAsync(context.Request.Body, context.Request.Query["remote"], options, output, ct);
            if (options.Quiet)
                await output.WriteStreamAsync(id + "\n", ct);
        }
        catch (BerthException e) when (output.Started)
        {
            await output.ErrorAsync(e.Message, e is BuildStepException step ? step.Code : null, ct);
        }
    }

    internal static BuildOptions ParseOptions(IQueryCollection q)
    {
        // One value each, the first, as Go's FormValue takes it: docker-py sends an out-of-context
        // Dockerfile as `dockerfile=<name>&dockerfile=<contents>`, and the name is the first.
        string? One(string key) => q[key] is { Count: > 0 } v ? v[0] : null;
        return new BuildOptions
        {
            Tags = q["t"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList(),
            Dockerfile = string.IsNullOrEmpty(One("dockerfile")) ? "Dockerfile" : One("dockerfile")!,
            BuildArgs = JsonMap<string?>(One("buildargs"), "buildargs"),
            Labels = JsonMap<string>(One("labels"), "labels"),
            Target = One("target"),
            NoCache = Flag(One("nocache")),
            Quiet = Flag(One("q")),
            Remove = string.IsNullOrEmpty(One("rm")) || Flag(One("rm")),
            ForceRemove = Flag(One("forcerm")),
            NetworkMode = One("networkmode"),
            Pull = Flag(One("pull")),
            CacheFrom = JsonList(One("cachefrom"), "cachefrom"),
            ExtraHosts = q["extrahosts"].SelectMany(h => (h ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList(),
        };
    }

    private static bool Flag(string? value) => value is "1" or "true" or "True";

    private static List<string> JsonList(string? json, string name)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize(json, DaemonJson.Default.ListString) ?? [];
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid {name}: {e.Message}");
        }
    }

    private static Dictionary<string, T> JsonMap<T>(string? json, string name)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Dictionary<string, T>>)DaemonJson.Default.GetTypeInfo(typeof(Dictionary<string, T>))!) ?? [];
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"invalid {name}: {e.Message}");
        }
    }
}
