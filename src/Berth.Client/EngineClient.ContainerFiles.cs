using System.Text.Json;

namespace Berth.Client;

/// <summary>A container's files: changes (diff) and export.</summary>
public sealed partial class EngineClient
{
    /// <summary><c>GET /containers/{id}/changes</c>: <c>[{"Path": "/a", "Kind": 0|1|2}]</c>.</summary>
    public Task<JsonDocument> ContainerChangesAsync(string id, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/containers/{Escape(id)}/changes", null, cancellationToken);

    /// <summary><c>GET /containers/{id}/export</c>: the container's filesystem as a tar stream.</summary>
    public Task<Stream> ExportContainerAsync(string id, CancellationToken cancellationToken)
        => SendForStreamAsync(HttpMethod.Get, $"/containers/{Escape(id)}/export", null, cancellationToken);
}
