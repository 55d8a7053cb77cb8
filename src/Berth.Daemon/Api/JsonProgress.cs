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

    /// <summary>An error with the failing command's exit code, as a failed build step reports it.</summary>
    public Task ErrorAsync(string message, int? code, CancellationToken ct) => code is null
        ? ErrorAsync(message, ct)
        : WriteAsync(new { errorDetail = new { code, message }, error = message }, ct);

    /// <summary>Data for SDKs rather than people (<c>{"aux":{"ID":...}}</c> from a build).</summary>
    public Task AuxAsync(object aux, CancellationToken ct) => WriteAsync(new { aux }, ct);

    private async Task WriteAsync(object message, CancellationToken ct)
    {
        await response.WriteAsync(JsonSerializer.Serialize(message) + "\r\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
