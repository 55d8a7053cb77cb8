using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /networks</c>: a JSON array of networks.</summary>
    public Task<JsonDocument> ListNetworksAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, "/networks" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);

    /// <summary><c>POST /networks/create</c> with a body already in the API's JSON form; returns the response (Id, Warning).</summary>
    public Task<JsonDocument> CreateNetworkAsync(byte[] body, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/networks/create", JsonContent(body), cancellationToken);

    public async Task RemoveNetworkAsync(string id, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Delete, $"/networks/{Escape(id)}", null, cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary><c>POST /networks/prune</c>: <c>{"NetworksDeleted": [...]}</c>.</summary>
    public Task<JsonDocument> PruneNetworksAsync(FilterArgs? filters, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Post, "/networks/prune" + new QueryString().Add("filters", filters is { Count: > 0 } f ? f.ToJson() : null), null, cancellationToken);

    /// <summary><c>POST /networks/{id}/connect</c> with <c>{"Container", "EndpointConfig"}</c>.</summary>
    public async Task ConnectNetworkAsync(string network, byte[] body, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/networks/{Escape(network)}/connect", JsonContent(body), cancellationToken).ConfigureAwait(false)).Dispose();

    public async Task DisconnectNetworkAsync(string network, string container, bool force, CancellationToken cancellationToken)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["Container"] = container, ["Force"] = force }.ToJsonString());
        (await SendAsync(HttpMethod.Post, $"/networks/{Escape(network)}/disconnect", JsonContent(body), cancellationToken).ConfigureAwait(false)).Dispose();
    }
}
