using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>GET /containers/json</c>: a JSON array of container summaries.</summary>
    public Task<JsonDocument> ListContainersAsync(ContainerListOptions options, CancellationToken cancellationToken)
    {
        var query = new QueryString()
            .AddFlag("all", options.All)
            .Add("limit", options.Limit > 0 ? options.Limit : null)
            .AddFlag("size", options.Size)
            .Add("filters", options.Filters is { Count: > 0 } f ? f.ToJson() : null);
        return SendForJsonAsync(HttpMethod.Get, "/containers/json" + query, null, cancellationToken);
    }

    /// <summary><c>GET /containers/{id}/json</c>.</summary>
    public Task<JsonDocument> InspectContainerAsync(string id, bool size, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/containers/{Escape(id)}/json" + new QueryString().AddFlag("size", size), null, cancellationToken);

    /// <summary><c>POST /containers/create</c> with a body already in the API's JSON form.</summary>
    public async Task<CreateContainerResult> CreateContainerAsync(string? name, string? platform, byte[] body, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("name", name).Add("platform", platform);
        using var document = await SendForJsonAsync(HttpMethod.Post, "/containers/create" + query, JsonContent(body), cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var warnings = new List<string>();
        if (root.TryGetProperty("Warnings", out var w) && w.ValueKind == JsonValueKind.Array)
        {
            warnings.AddRange(w.EnumerateArray().Select(e => e.GetString() ?? string.Empty));
        }

        return new CreateContainerResult(root.GetProperty("Id").GetString()!, warnings);
    }

    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/start", null, cancellationToken).ConfigureAwait(false)).Dispose();

    public async Task StopContainerAsync(string id, string? signal, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("signal", signal).Add("t", timeoutSeconds);
        (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/stop" + query, null, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    public async Task RestartContainerAsync(string id, string? signal, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        var query = new QueryString().Add("signal", signal).Add("t", timeoutSeconds);
        (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/restart" + query, null, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    public async Task KillContainerAsync(string id, string? signal, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/kill" + new QueryString().Add("signal", signal), null, cancellationToken).ConfigureAwait(false)).Dispose();

    public async Task RemoveContainerAsync(string id, bool force, bool volumes, bool link, CancellationToken cancellationToken)
    {
        var query = new QueryString().AddFlag("v", volumes).AddFlag("link", link).AddFlag("force", force);
        (await SendAsync(HttpMethod.Delete, $"/containers/{Escape(id)}" + query, null, cancellationToken).ConfigureAwait(false)).Dispose();
    }

    /// <summary><c>POST /containers/{id}/resize</c>: tells the daemon the size of the local terminal.</summary>
    public async Task ResizeContainerAsync(string id, int height, int width, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/resize" + new QueryString().Add("h", height).Add("w", width), null, cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary>
    /// <c>POST /containers/{id}/wait?condition=...</c>. The daemon sends headers at once and the
    /// body when the condition is met, so callers may start the container in between.
    /// </summary>
    public async Task<Task<WaitResult>> BeginWaitAsync(string id, string? condition, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/wait" + new QueryString().Add("condition", condition), null, cancellationToken, streamResponse: true).ConfigureAwait(false);
        return ReadWaitAsync(response, cancellationToken);
    }

    public async Task<WaitResult> WaitContainerAsync(string id, string? condition, CancellationToken cancellationToken)
        => await (await BeginWaitAsync(id, condition, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    private static async Task<WaitResult> ReadWaitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            string? error = null;
            if (root.TryGetProperty("Error", out var e) && e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("Message", out var m) && m.GetString() is { Length: > 0 } text)
            {
                error = text;
            }

            return new WaitResult(root.GetProperty("StatusCode").GetInt64(), error);
        }
    }

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);
}
