using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>JSON as the Engine API writes it: field names exactly as declared (PascalCase).</summary>
internal static class Json
{
    /// <summary>The options of <see cref="DaemonJson.Api"/>: every type the API writes or reads is source-generated there.</summary>
    public static JsonSerializerOptions Options => DaemonJson.Api.Options;

    /// <summary>
    /// The API's options for reading request bodies into models: field names match in any
    /// case, as Go's decoder matches them in dockerd (<c>{"image": ...}</c> creates a container).
    /// </summary>
    public static JsonSerializerOptions Reading { get; } = new(DaemonJson.Api.Options) { PropertyNameCaseInsensitive = true };

    /// <summary><typeparamref name="T"/> as request bodies are read (<see cref="Reading"/>).</summary>
    public static JsonTypeInfo<T> ReadingInfo<T>() => Engine.EngineJson.Info<T>(Reading);

    public static IResult Ok<T>(T value, JsonTypeInfo<T> info, int status = 200) => new JsonAnswer<T>(value, info, status);

    /// <summary><typeparamref name="T"/> as the API writes it, looked up at run time (for values typed by a type parameter).</summary>
    public static JsonTypeInfo<T> Info<T>() => Engine.EngineJson.Info<T>(Options);

    /// <summary>
    /// Reads a request body; empty is null, malformed is a 400, one larger than
    /// <see cref="DaemonOptions.MaxJsonBodySize"/> a 413, refused before it is all in memory.
    /// </summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        long limit = request.HttpContext.RequestServices?.GetService<DaemonOptions>()?.MaxJsonBodySize ?? new DaemonOptions().MaxJsonBodySize;
        if (request.ContentLength > limit)
            throw TooLarge(limit);
        using var buffer = new MemoryStream();
        byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > limit)
                    throw TooLarge(limit);
                buffer.Write(chunk, 0, n);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        if (buffer.Length == 0)
            return null;
        return JsonDocument.Parse(buffer.ToArray());
    }

    /// <summary>
    /// Reads a body that must be a JSON object: empty or <c>null</c> is null (nothing given),
    /// any other kind of value a 400, as Go's decoder refuses to fill a struct from it.
    /// </summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var doc = await ReadAsync(request, ct);
        if (doc is null || doc.RootElement.ValueKind == JsonValueKind.Object)
            return doc;
        var kind = doc.RootElement.ValueKind;
        string goKind = JsonFields.GoKind(doc.RootElement);
        doc.Dispose();
        if (kind == JsonValueKind.Null)
            return null;
        throw BerthException.Invalid($"json: cannot unmarshal {goKind} into a request body object");
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"request body too large: a JSON body may have at most {limit} bytes (max-json-body-size in daemon.json)", StatusCodes.Status413PayloadTooLarge);
}
