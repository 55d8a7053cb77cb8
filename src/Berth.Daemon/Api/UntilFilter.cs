using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Daemon.Api;

/// <summary>
/// An <c>until</c> filter's value (prunes, the image list, the build cache): a Go duration
/// before now (<c>10m</c>, <c>1h30m</c>), Unix seconds or an RFC 3339 time, as moby's
/// <c>timetypes.GetTimestamp</c> reads it.
/// </summary>
internal static class UntilFilter
{
    public static DateTime Parse(string value)
    {
        if (value != "0" && GoDuration.TryParse(value, out long ns))
            return DateTime.UtcNow - TimeSpan.FromTicks(ns / 100);
        try
        {
            return GoTime.ParseTimestamp(value) ?? DateTime.UnixEpoch;
        }
        catch (BerthException)
        {
            throw BerthException.Invalid($"failed to parse value as time or duration: \"{value}\"");
        }
    }

    /// <summary>Refuses a filter whose <c>until</c> values do not parse, before anything is matched (or removed).</summary>
    public static void Validate(Dictionary<string, List<string>> terms)
    {
        foreach (string value in terms.GetValueOrDefault("until") ?? [])
            Parse(value);
    }
}
