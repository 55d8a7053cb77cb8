using System.Globalization;

namespace Berth.Cli.Formatting;

/// <summary>
/// docker's <c>timetypes.GetTimestamp</c> for <c>--since</c>/<c>--until</c>: a Go duration
/// ("10m", "1h30m") counts back from now, an RFC 3339 date or date-time is converted, and a
/// unix timestamp ("1700000000.5") is passed through. The API wants "seconds.nanoseconds".
/// </summary>
internal static class TimeArgument
{
    public static string ToApiTimestamp(string value, DateTimeOffset now)
    {
        if (value != "0" && TryParseGoDuration(value, out var duration))
        {
            return (now - duration).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        string[] formats =
        [
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HHK",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyy-MM-ddK", "yyyy-MM-dd",
        ];
        if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time))
        {
            var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
            return $"{ticks / TimeSpan.TicksPerSecond}.{ticks % TimeSpan.TicksPerSecond * 100:000000000}";
        }

        if (value.Contains('-'))
        {
            throw new FormatException($"parsing time \"{value}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{value}\" as \"2006\"");
        }

        var parts = value.Split('.');
        if (parts.Length > 2 || !parts.All(p => p.Length > 0 && p.All(char.IsDigit)))
        {
            throw new FormatException($"failed to parse value as time or duration: \"{value}\"");
        }

        return value;
    }

    /// <summary>Go's <c>time.ParseDuration</c>: signed sequence of decimal numbers with units ns, us, µs, ms, s, m, h.</summary>
    public static bool TryParseGoDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var s = text;
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        double totalTicks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            double? ticksPerUnit = s[unitStart..i] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is not { } factor)
            {
                return false;
            }

            totalTicks += number * factor;
        }

        duration = TimeSpan.FromTicks((long)(negative ? -totalTicks : totalTicks));
        return true;
    }
}
