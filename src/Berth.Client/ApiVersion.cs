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

        return Compare(serverVersion, ClientDefault) < 0 ? serverVersion : ClientDefault;
    }

    public static int Compare(string left, string right)
    {
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length && int.TryParse(a[i], out var xv) ? xv : 0;
            var y = i < b.Length && int.TryParse(b[i], out var yv) ? yv : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }
}
