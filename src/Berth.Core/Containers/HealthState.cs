namespace Berth.Core.Containers;

/// <summary>A container's health, as <c>State.Health</c> shows it: status, failing streak, the last probes.</summary>
public sealed record HealthState
{
    public string Status { get; set; } = "starting";
    public int FailingStreak { get; init; }
    public IReadOnlyList<HealthProbe> Log { get; set; } = [];
}

/// <summary>One run of the health check command.</summary>
public sealed record HealthProbe(DateTime Start, DateTime End, int ExitCode, string Output);
