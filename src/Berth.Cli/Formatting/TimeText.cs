using System.Globalization;

namespace Berth.Cli.Formatting;

/// <summary>Time renderings docker uses: Go's <c>Time.String()</c> and container status lines.</summary>
internal static class TimeText
{
    /// <summary>Go's <c>time.Unix(s, 0).String()</c> in the local zone: "2026-11-22 11:37:07 +0000 UTC".</summary>
    public static string GoTimeString(DateTimeOffset time)
    {
        var local = time.ToLocalTime();
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var zone = offset == TimeSpan.Zero ? "UTC" : $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            + $" {sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00} {zone}";
    }

    /// <summary>
    /// Go's <c>time.Unix(0, nanos).Format("2006-01-02T15:04:05.000000000Z07:00")</c> in the local
    /// zone, docker's fixed-width RFC 3339: nanoseconds always nine digits, "Z" for UTC.
    /// </summary>
    public static string Rfc3339NanoFixed(long unixNanos)
    {
        var seconds = Math.DivRem(unixNanos, 1_000_000_000L, out var nanos);
        if (nanos < 0)
        {
            (seconds, nanos) = (seconds - 1, nanos + 1_000_000_000L);
        }

        var local = DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime();
        var offset = local.Offset;
        var zone = offset == TimeSpan.Zero ? "Z" : $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}:{Math.Abs(offset.Minutes):00}";
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + nanos.ToString("000000000", CultureInfo.InvariantCulture) + zone;
    }

    /// <summary>
    /// The daemon's container status line ("Up 3 seconds", "Exited (0) 5 seconds ago",
    /// "Created"); used when a daemon leaves <c>Status</c> empty.
    /// </summary>
    public static string ContainerStatus(string state, DateTimeOffset startedAt, DateTimeOffset finishedAt, long exitCode, DateTimeOffset now)
        => state switch
        {
            "running" => "Up " + Units.HumanDuration(now - startedAt),
            "paused" => "Up " + Units.HumanDuration(now - startedAt) + " (Paused)",
            "restarting" => $"Restarting ({exitCode}) {Units.HumanDuration(now - finishedAt)} ago",
            "exited" when finishedAt.Year > 1 => $"Exited ({exitCode}) {Units.HumanDuration(now - finishedAt)} ago",
            "exited" => $"Exited ({exitCode})",
            "created" => "Created",
            "removing" => "Removal In Progress",
            "dead" => "Dead",
            _ => state,
        };
}
