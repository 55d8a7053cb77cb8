using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Engine.Build;

/// <summary>
/// Go's <c>time.ParseDuration</c> (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>), in nanoseconds: for
/// HEALTHCHECK flags, and for the API's <c>until</c> filters.
/// </summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex PartRegex();

    internal static long Parse(string text, int line, string flag) =>
        TryParse(text, out long ns) ? ns : throw DockerfileParser.Error(line, $"time: invalid duration \"{text}\"");

    public static bool TryParse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (text == "0")
            return true;
        var matches = PartRegex().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
            return false;
        double total = 0;
        foreach (Match m in matches)
        {
            double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += n * m.Groups[2].Value switch
            {
                "ns" => 1, "us" or "µs" => 1e3, "ms" => 1e6, "s" => 1e9, "m" => 60e9, _ => 3600e9,
            };
        }
        nanoseconds = (long)total;
        return true;
    }
}
