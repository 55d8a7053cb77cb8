using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>POST /build</c>: sends the context tar (none with a remote URL); the answer is a JSON message stream.</summary>
    public Task<Stream> BuildAsync(Stream? context, BuildRequest request, CancellationToken cancellationToken)
    {
        var query = new QueryString();
        foreach (var tag in request.Tags)
        {
            query.Add("t", tag);
        }

        query.Add("dockerfile", request.Dockerfile)
            .Add("target", request.Target)
            .Add("networkmode", request.NetworkMode)
            .Add("remote", request.Remote)
            .AddFlag("nocache", request.NoCache)
            .AddFlag("pull", request.Pull)
            .AddFlag("q", request.Quiet)
            .AddFlag("forcerm", request.ForceRemove)
            .Add("rm", "1");
        if (request.BuildArgs.Count > 0)
        {
            query.Add("buildargs", JsonSerializer.Serialize(request.BuildArgs, ClientJson.Default.IReadOnlyDictionaryStringString));
        }

        if (request.CacheFrom.Count > 0)
        {
            query.Add("cachefrom", JsonSerializer.Serialize(request.CacheFrom, ClientJson.Default.IReadOnlyListString));
        }

        if (request.Labels.Count > 0)
        {
            query.Add("labels", JsonSerializer.Serialize(request.Labels, ClientJson.Default.IReadOnlyDictionaryStringString));
        }

        if (request.ExtraHosts.Count > 0)
        {
            query.Add("extrahosts", string.Join(',', request.ExtraHosts));
        }

        return SendForStreamAsync(HttpMethod.Post, "/build" + query, context is null ? null : TarContent(context), cancellationToken);
    }

    /// <summary><c>POST /build/prune</c>: <c>{"CachesDeleted": [...], "SpaceReclaimed": N}</c>.</summary>
    public Task<JsonDocument> PruneBuildCacheAsync(bool all, FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/build/prune" + new QueryString().AddFlag("all", all).Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null),
            null, cancellationToken);
}
