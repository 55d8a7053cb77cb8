using System.Text.Json;

namespace Berth.Daemon.Api;

/// <summary>
/// The JSON message stream of import, load and pull: one object per line, errors in-band as
/// <c>{"errorDetail":{"message":...},"error":...}</c> because the 200 has already gone out.
/// </summary>
internal sealed class JsonProgress(HttpResponse response)
{
    public async Task StartAsync(CancellationToken ct)
    {
        response.ContentType = "application/json";
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
    }

    public Task StatusAsync(string status, CancellationToken ct) => WriteAsync(new { status }, ct);

    public Task StreamAsync(string stream, CancellationToken ct) => WriteAsync(new { stream }, ct);

    public Task ErrorAsync(string message, CancellationToken ct) =>
        WriteAsync(new { errorDetail = new { message }, error = message }, ct);

    private async Task WriteAsync(object message, CancellationToken ct)
    {
        await response.WriteAsync(JsonSerializer.Serialize(message) + "\r\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
