using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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

    public Task StatusAsync(string status, CancellationToken ct) => WriteAsync(new StatusMessage(status), DaemonJson.Default.StatusMessage, ct);

    public Task StreamAsync(string stream, CancellationToken ct) => WriteAsync(new StreamMessage(stream), DaemonJson.Default.StreamMessage, ct);

    public Task ErrorAsync(string message, CancellationToken ct) => ErrorAsync(message, null, ct);

    /// <summary>An error with the failing command's exit code, as a failed build step reports it.</summary>
    public Task ErrorAsync(string message, int? code, CancellationToken ct) =>
        WriteAsync(new ErrorMessage(new ErrorDetail(code, message), error: message), DaemonJson.Default.ErrorMessage, ct);

    /// <summary>Data for SDKs rather than people: <c>{"aux":{"ID":...}}</c>, the image a build made.</summary>
    public Task AuxAsync(string imageId, CancellationToken ct) => WriteAsync(new AuxMessage(new ImageIdAux(imageId)), DaemonJson.Default.AuxMessage, ct);

    // Written with the default options (the serializer's escaping), as these messages always were.
    private async Task WriteAsync<T>(T message, JsonTypeInfo<T> info, CancellationToken ct)
    {
        await response.WriteAsync(JsonSerializer.Serialize(message, info) + "\r\n", ct);
        await response.Body.FlushAsync(ct);
    }

    internal sealed record StatusMessage(string status);

    internal sealed record StreamMessage(string stream);

    internal sealed record ErrorMessage(ErrorDetail errorDetail, string error);

    /// <summary>The code only when there is one.</summary>
    internal sealed record ErrorDetail([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? code, string message);

    internal sealed record AuxMessage(ImageIdAux aux);

    internal sealed record ImageIdAux(string ID);
}
