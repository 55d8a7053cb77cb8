using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /volumes</c>: <c>{"Volumes": [...], "Warnings": ...}</c>.</summary>
    public Task<JsonDocument> ListVolumesAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/volumes" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);

    /// <summary><c>POST /volumes/create</c> with <c>{"Name", "Driver", "DriverOpts", "Labels"}</c>; returns the volume.</summary>
    public Task<JsonDocument> CreateVolumeAsync(byte[] body, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/volumes/create", JsonContent(body), cancellationToken);

    public async Task RemoveVolumeAsync(string name, bool force, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Delete, $"/volumes/{Escape(name)}" + new QueryString().AddFlag("force", force), null, cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary><c>POST /volumes/prune</c>: <c>{"VolumesDeleted": [...], "SpaceReclaimed": N}</c>.</summary>
    public Task<JsonDocument> PruneVolumesAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/volumes/prune" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);
}
