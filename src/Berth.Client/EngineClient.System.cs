using System.Text.Json;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /version</c>.</summary>
    public Task<JsonDocument> VersionAsync(CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/version", null, cancellationToken);

    /// <summary><c>GET /info</c>.</summary>
    public Task<JsonDocument> InfoAsync(CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/info", null, cancellationToken);
}
