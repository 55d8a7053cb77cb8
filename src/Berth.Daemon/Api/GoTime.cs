using Berth.Core.Errors;

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

    /// <summary>
    /// Parses the API's <c>since</c>/<c>until</c>: Unix seconds with optional fraction, or RFC 3339.
    /// Anything else is the client's mistake (400), with the text of Go's parser as dockerd's.
    /// </summary>
    public static DateTime? ParseTimestamp(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "0")
            return null;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (decimal.TryParse(value, System.Globalization.NumberStyles.Number, invariant, out decimal seconds))
        {
            // Past DateTime's range (year 9999) is "forever" for a since/until bound.
            decimal ticks = seconds * TimeSpan.TicksPerSecond;
            return ticks >= (DateTime.MaxValue - DateTime.UnixEpoch).Ticks ? DateTime.MaxValue
                : ticks <= -(DateTime.UnixEpoch - DateTime.MinValue).Ticks ? DateTime.MinValue
                : DateTime.UnixEpoch.AddTicks((long)ticks);
        }
        if (DateTime.TryParse(value, invariant, System.Globalization.DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        throw BerthException.Invalid($"strconv.ParseInt: parsing \"{value}\": invalid syntax");
    }
}
