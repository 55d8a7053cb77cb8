namespace Berth.Core.Containers;

/// <summary>
/// The runtime state of a container. Changes only through <see cref="ContainerStateMachine"/>,
/// and each change is persisted in one transaction.
/// </summary>
public sealed record ContainerState
{
    public ContainerStatus Status { get; set; } = ContainerStatus.Created;
    public int Pid { get; init; }
    public int ConmonPid { get; init; }
    public int ExitCode { get; init; }
    public string Error { get; set; } = "";
    public bool OOMKilled { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime FinishedAt { get; init; }
    /// <summary>Set by stop and kill, so a restart policy does not bring the container back.</summary>
    public bool StoppedByUser { get; init; }
    /// <summary>Where the running container sits on each bridge network it is on (eth0 first); empty when it has none.</summary>
    public IReadOnlyList<Networking.NetworkAttachment> Networks { get; set; } = [];
    /// <summary>Null unless the container has a health check.</summary>
    public HealthState? Health { get; init; }
}
