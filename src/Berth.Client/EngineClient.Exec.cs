using System.Text.Json;
using Berth.Client.Transport;

namespace Berth.Client;

public sealed partial class EngineClient
{
    /// <summary><c>POST /containers/{id}/exec</c> with an ExecConfig body; returns the exec ID.</summary>
    public async Task<string> CreateExecAsync(string container, byte[] body, CancellationToken cancellationToken)
    {
        using var document = await SendForJsonAsync(HttpMethod.Post, $"/containers/{Escape(container)}/exec", JsonContent(body), cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("Id").GetString()!;
    }

    /// <summary><c>POST /exec/{id}/start</c> with <c>Detach: true</c>: the daemon answers at once.</summary>
    public async Task StartExecDetachedAsync(string id, bool tty, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/exec/{Escape(id)}/start", JsonContent(ExecStartBody(detach: true, tty)), cancellationToken).ConfigureAwait(false)).Dispose();

    /// <summary>Hijacked <c>POST /exec/{id}/start</c>: output (raw for a TTY, multiplexed otherwise) until the process ends.</summary>
    public async Task<HijackedConnection> StartExecAttachedAsync(string id, bool tty, CancellationToken cancellationToken)
    {
        var path = await VersionedPathAsync($"/exec/{Escape(id)}/start", cancellationToken).ConfigureAwait(false);
        return await HijackRequest.SendAsync(Endpoint, path, ExecStartBody(detach: false, tty), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /exec/{id}/json</c>.</summary>
    public Task<JsonDocument> InspectExecAsync(string id, CancellationToken cancellationToken)
        => SendForJsonAsync(HttpMethod.Get, $"/exec/{Escape(id)}/json", null, cancellationToken);

    /// <summary><c>POST /exec/{id}/resize</c>.</summary>
    public async Task ResizeExecAsync(string id, int height, int width, CancellationToken cancellationToken)
        => (await SendAsync(HttpMethod.Post, $"/exec/{Escape(id)}/resize" + new QueryString().Add("h", height).Add("w", width), null, cancellationToken).ConfigureAwait(false)).Dispose();

    private static byte[] ExecStartBody(bool detach, bool tty) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, bool> { ["Detach"] = detach, ["Tty"] = tty }, ClientJson.Default.DictionaryStringBoolean);
}
