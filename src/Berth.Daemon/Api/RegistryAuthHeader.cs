using System.Text;
using System.Text.Json;
using Berth.Core.Distribution;
using Berth.Core.Errors;

namespace Berth.Daemon.Api;

/// <summary>
/// The credentials a client sends: <c>X-Registry-Auth</c>, base64url of the AuthConfig JSON
/// (<c>{"username","password","auth","identitytoken","registrytoken","serveraddress"}</c>) as the
/// docker CLI encodes it (padded or not, either alphabet), and the same JSON as <c>POST /auth</c>'s body.
/// An absent or empty header is anonymous; <c>auth</c> (base64 "user:password") fills a missing user and password.
/// </summary>
internal static class RegistryAuthHeader
{
    public const string Name = "X-Registry-Auth";

    public static RegistryCredentials Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return RegistryCredentials.Anonymous;
        byte[] json;
        try
        {
            json = Base64Decode(header.Trim());
        }
        catch (FormatException)
        {
            throw BerthException.Invalid("invalid X-Registry-Auth header: not base64");
        }
        try
        {
            return FromJson(json);
        }
        catch (JsonException)
        {
            // Docker ignores an undecodable header and pulls anonymously.
            return RegistryCredentials.Anonymous;
        }
    }

    /// <summary>
    /// <c>X-Registry-Config</c> (a build's): base64 of a JSON map from registry (host or URL) to
    /// AuthConfig. Absent or undecodable: no credentials, as dockerd ignores it then.
    /// </summary>
    public static IReadOnlyDictionary<string, RegistryCredentials> DecodeConfig(string? header)
    {
        var map = new Dictionary<string, RegistryCredentials>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
            return map;
        try
        {
            using var doc = JsonDocument.Parse(Base64Decode(header.Trim()));
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
                foreach (var entry in doc.RootElement.EnumerateObject())
                    map[entry.Name] = FromJson(System.Text.Encoding.UTF8.GetBytes(entry.Value.GetRawText()));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            map.Clear();
        }
        return map;
    }

    public static RegistryCredentials FromJson(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            return RegistryCredentials.Anonymous;
        string? Get(string name)
        {
            foreach (var p in root.EnumerateObject())
                if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    return p.Value.GetString();
            return null;
        }
        string? user = Get("username"), password = Get("password");
        if (string.IsNullOrEmpty(user) && Get("auth") is { Length: > 0 } auth)
        {
            string pair = Encoding.UTF8.GetString(Base64Decode(auth));
            int colon = pair.IndexOf(':');
            if (colon > 0)
                (user, password) = (pair[..colon], pair[(colon + 1)..]);
        }
        return new RegistryCredentials(NullIfEmpty(user), NullIfEmpty(password))
        {
            IdentityToken = NullIfEmpty(Get("identitytoken")),
            RegistryToken = NullIfEmpty(Get("registrytoken")),
            ServerAddress = NullIfEmpty(Get("serveraddress")),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static byte[] Base64Decode(string text)
    {
        string s = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(s);
    }
}
