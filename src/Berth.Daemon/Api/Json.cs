using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>JSON as the Engine API writes it: field names exactly as declared (PascalCase).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Go's encoder escapes only <, > and &; quotes in messages stay readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new NullAsEmptyString() },
    };

    public static IResult Ok(object value, int status = 200) => Results.Json(value, Options, statusCode: status);

    /// <summary>Reads a request body; empty is null, malformed is a 400.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
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
}
