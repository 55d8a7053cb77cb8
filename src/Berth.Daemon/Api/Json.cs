using System.Text.Json;
using System.Text.Json.Serialization;

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
}
