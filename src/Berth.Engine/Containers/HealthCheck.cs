using System.Text.Json;

namespace Berth.Engine.Containers;

/// <summary>
/// A container's health check (<c>HEALTHCHECK</c> or <c>--health-*</c>), with Docker's
/// defaults: every 30 s, 30 s timeout, unhealthy after 3 failures in a row, failures during
/// the start period not counted.
/// </summary>
public sealed record HealthCheck(IReadOnlyList<string> Command, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    private static readonly TimeSpan s_default = TimeSpan.FromSeconds(30);

    /// <summary>The check in a container's config; null when there is none or it is <c>NONE</c>.</summary>
    public static HealthCheck? From(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } c || !c.TryGetProperty("Test", out var test) || test.ValueKind != JsonValueKind.Array)
            return null;
        var words = test.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : "").ToList();
        if (words.Count == 0 || words[0] == "NONE")
            return null;
        IReadOnlyList<string> command = words[0] switch
        {
            "CMD" => words.Skip(1).ToList(),
            "CMD-SHELL" => ["/bin/sh", "-c", string.Join(' ', words.Skip(1))],
            _ => words,
        };
        if (command.Count == 0)
            return null;
        return new HealthCheck(command, Duration(c, "Interval"), Duration(c, "Timeout"),
            c.TryGetProperty("Retries", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out int retries) && retries > 0 ? retries : 3,
            Duration(c, "StartPeriod", TimeSpan.Zero));
    }

    /// <summary>A duration in nanoseconds; null, missing or 0 (as Docker) mean the default.</summary>
    private static TimeSpan Duration(JsonElement c, string name, TimeSpan? fallback = null) =>
        c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long ns) && ns > 0 ? TimeSpan.FromTicks(ns / 100) : fallback ?? s_default;
}
