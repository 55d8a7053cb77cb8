namespace Berth.Daemon.Api;

/// <summary>Times as Go's RFC 3339 with nanoseconds writes them; the zero time as Go's zero.</summary>
internal static class GoTime
{
    public static string Format(DateTime time)
    {
        if (time == default)
            return "0001-01-01T00:00:00Z";
        string text = time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff").TrimEnd('0');
        return text.TrimEnd('.') + "Z";
    }

    public static long Unix(DateTime time) => new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeSeconds();

    /// <summary>Parses the API's <c>since</c>/<c>until</c>: Unix seconds with optional fraction, or RFC 3339.</summary>
    public static DateTime? ParseTimestamp(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "0")
            return null;
        if (decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal seconds))
            return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
    }
}
