using System.Text.Json;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /networks/{id}</c>.</summary>
    public Task<JsonDocument> InspectNetworkAsync(string id, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/networks/{Escape(id)}", null, cancellationToken);

    /// <summary><c>GET /volumes/{name}</c>.</summary>
    public Task<JsonDocument> InspectVolumeAsync(string name, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/volumes/{Escape(name)}", null, cancellationToken);
}
