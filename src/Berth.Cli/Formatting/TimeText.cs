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
