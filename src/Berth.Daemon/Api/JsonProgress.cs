using System.Text.Json;

namespace Berth.Daemon.Api;

/// <summary>
/// The JSON message stream of import, load and pull: one object per line, errors in-band as
/// <c>{"errorDetail":{"message":...},"error":...}</c> because the 200 has already gone out.
/// </summary>
internal sealed class JsonProgress(HttpResponse response)
{
    /// <summary>Marks a response whose errors go in-band, for <see cref="ErrorMiddleware"/>.</summary>
    private static readonly object s_started = new();

    public async Task StartAsync(CancellationToken ct)
    {
        await StartAsync(response, ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>Sends the 200 of a JSON message stream: from now on errors are messages in it.</summary>
    public static Task StartAsync(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "application/json";
        response.HttpContext.Items[s_started] = true;
        return response.StartAsync(ct);
    }

    public static bool HasStarted(HttpContext context) => context.Response.HasStarted && context.Items.ContainsKey(s_started);

    /// <summary>The stream's error message, as the request's last words.</summary>
    public static Task WriteErrorAsync(HttpResponse response, string message, CancellationToken ct) =>
        new JsonProgress(response).ErrorAsync(message, ct);

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
