using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

/// <summary>Container calls beyond the lifecycle: pause, rename, top, stats, update, prune.</summary>
public sealed partial class EngineClient
{
    public async Task PauseContainerAsync(string id, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/pause", null, cancellationToken).ConfigureAwait(false)).Dispose();

    public async Task UnpauseContainerAsync(string id, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/unpause", null, cancellationToken).ConfigureAwait(false)).Dispose();

    public async Task RenameContainerAsync(string id, string name, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/rename" + new QueryString().Add("name", name), null, cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary><c>GET /containers/{id}/top?ps_args=...</c>: <c>{"Titles": [...], "Processes": [[...]]}</c>.</summary>
    public Task<JsonDocument> TopContainerAsync(string id, string? psArgs, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/containers/{Escape(id)}/top" + new QueryString().Add("ps_args", psArgs), null, cancellationToken);

    /// <summary><c>GET /containers/{id}/stats</c>: one JSON object per sample, or exactly one when not streaming.</summary>
    public Task<Stream> StatsAsync(string id, bool stream, CancellationToken cancellationToken)
        => SendForStreamAsync(HttpMethod.Get, $"/containers/{Escape(id)}/stats" + new QueryString().Add("stream", stream ? "1" : "0"), null, cancellationToken);

    /// <summary><c>POST /containers/{id}/update</c>; returns the daemon's warnings.</summary>
    public async Task<IReadOnlyList<string>> UpdateContainerAsync(string id, byte[] body, CancellationToken cancellationToken)
    {
        using var document = await SendForJsonAsync(HttpMethod.Post, $"/containers/{Escape(id)}/update", JsonContent(body), cancellationToken).ConfigureAwait(false);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Warnings", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
            : [];
    }

    /// <summary><c>POST /containers/prune</c>: <c>{"ContainersDeleted": [...], "SpaceReclaimed": N}</c>.</summary>
    public Task<JsonDocument> PruneContainersAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/containers/prune" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);
}
