namespace Berth.Core.Containers;

/// <summary><c>--restart</c>: no, always, on-failure[:MaximumRetryCount] or unless-stopped.</summary>
public sealed record RestartPolicy
{
    public string Name { get; set; } = "no";
    public int MaximumRetryCount { get; init; }
}
