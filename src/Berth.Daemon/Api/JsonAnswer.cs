using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Daemon.Api;

/// <summary>
/// A JSON answer as dockerd's <c>WriteJSON</c> sends it: <c>application/json</c>, the value
/// followed by the newline Go's <c>json.Encoder</c> writes (scripts that compare or split on
/// lines see the same bytes), and a <c>Content-Length</c> rather than a chunked body.
/// </summary>
internal sealed class JsonAnswer<T>(T value, JsonTypeInfo<T> info, int status) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        // The writer takes the options' encoder, so text is escaped as the API's options say.
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = info.Options.Encoder, Indented = info.Options.WriteIndented }))
            JsonSerializer.Serialize(writer, value, info);
        body.Write("\n"u8);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.WrittenCount;
        await context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
    }
}
