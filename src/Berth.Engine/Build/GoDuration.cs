using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Engine.Build;

/// <summary>Go's <c>time.ParseDuration</c> for HEALTHCHECK flags (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>), in nanoseconds.</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex PartRegex();

    public static long Parse(string text, int line, string flag)
    {
        if (text == "0")
            return 0;
        var matches = PartRegex().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
            throw DockerfileParser.Error(line, $"time: invalid duration \"{text}\"");
        double total = 0;
        foreach (Match m in matches)
        {
            double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += n * m.Groups[2].Value switch
            {
                "ns" => 1, "us" or "µs" => 1e3, "ms" => 1e6, "s" => 1e9, "m" => 60e9, _ => 3600e9,
            };
        }
        return (long)total;
    }
}
