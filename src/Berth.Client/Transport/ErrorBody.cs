using System.Text.Json;

namespace Berth.Client.Transport;

/// <summary>Extracts the daemon's <c>{"message": "..."}</c> from an error response body.</summary>
internal static class ErrorBody
{
    public static string ExtractMessage(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through and show the raw text.
            }
        }

        return trimmed;
    }
}
