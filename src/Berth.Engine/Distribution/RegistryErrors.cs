using System.Net;
using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Engine.Distribution;

/// <summary>
/// Turns a registry's error answer into a <see cref="RegistryException"/>. The body is the
/// distribution spec's <c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}</c>; the
/// message reads as Go's errcode.Error (<c>manifest unknown: manifest unknown</c>).
/// </summary>
internal static class RegistryErrors
{
    private const int MaxErrorBody = 64 << 10;

    public static async Task<RegistryException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        string? code = null, message = null;
        try
        {
            byte[] body = await Bounded.ReadAsync(response.Content, MaxErrorBody, ct);
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = first.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or HttpRequestException or IOException)
        {
        }
        code ??= response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => RegistryException.Unauthorized,
            HttpStatusCode.Forbidden => RegistryException.Denied,
            _ => "UNKNOWN",
        };
        message ??= code switch
        {
            RegistryException.Unauthorized => "authentication required",
            RegistryException.Denied => "requested access to the resource is denied",
            _ => null,
        };
        string text = message is null
            ? $"unexpected status from {response.RequestMessage?.Method} request to {response.RequestMessage?.RequestUri}: {status} {response.ReasonPhrase}"
            : $"{code.ToLowerInvariant().Replace('_', ' ')}: {message}";
        return new RegistryException(KindOf(status), code, text, status);
    }

    /// <summary>
    /// A registry's 401 is not berthd's: as dockerd, it is an unknown error (500) for the client,
    /// whose CLI would otherwise take it as berthd asking for a login. Only login answers 401.
    /// </summary>
    private static ErrorKind KindOf(int status) => status switch
    {
        403 => ErrorKind.Forbidden,
        404 => ErrorKind.NotFound,
        _ => ErrorKind.Internal,
    };
}
