using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /version</c>.</summary>
    public Task<JsonDocument> VersionAsync(CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/version", null, cancellationToken);

    /// <summary><c>GET /info</c>.</summary>
    public Task<JsonDocument> InfoAsync(CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/info", null, cancellationToken);

    /// <summary><c>GET /system/df</c>: images, containers, volumes and build cache with their sizes.</summary>
    public Task<JsonDocument> DiskUsageAsync(CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/system/df", null, cancellationToken);

    /// <summary><c>GET /events</c>: one JSON message per event; ends at <paramref name="until"/> or never.</summary>
    public Task<Stream> EventsAsync(string? since, string? until, FilterArgs? filters, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("since", since).Add("until", until).Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null);
        return SendForStreamAsync(HttpMethod.Get, "/events" + query, null, cancellationToken);
    }
}
