using Berth.Core.Api;

namespace Berth.Client;

/// <summary>Engine API version strings ("1.44") and the negotiation rule docker uses.</summary>
public static class ApiVersion
{
    /// <summary>The version docker 28.2 speaks by default; newer daemons are asked for this one.</summary>
    public const string ClientDefault = "1.50";

    /// <summary>Negotiation: the lower of the client's default and the daemon's advertised version.</summary>
    public static string Negotiate(string? serverVersion)
    {
        if (string.IsNullOrEmpty(serverVersion))
        {
            // Daemons older than 1.25 do not advertise; docker falls back to 1.24.
            return "1.24";
        }

        return ApiVersions.Compare(serverVersion, ClientDefault) < 0 ? serverVersion : ClientDefault;
    }
}
