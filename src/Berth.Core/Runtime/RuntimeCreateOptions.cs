namespace Berth.Core.Runtime;

/// <summary>
/// What creating one container takes: its bundle, and what its monitor keeps for it (stdio,
/// log, exit file). Which runtime binary and state root are the runtime's own business.
/// </summary>
public sealed record RuntimeCreateOptions
{
    public required string ContainerId { get; init; }
    public required string Name { get; init; }
    /// <summary>The OCI bundle: <c>config.json</c> and the container's own files.</summary>
    public required string BundleDir { get; init; }
    /// <summary>Where the container's stdout/stderr go, in the k8s-file format.</summary>
    public required string LogPath { get; init; }
    /// <summary>Where the monitor writes a file named after the container holding its exit code.</summary>
    public required string ExitDir { get; init; }
    /// <summary>Holds the container's pid, written by the runtime.</summary>
    public required string PidFile { get; init; }
    /// <summary>Holds the monitor's pid.</summary>
    public required string MonitorPidFile { get; init; }
    public bool Terminal { get; init; }
    public bool Stdin { get; init; }
    /// <summary>Keep the container's stdin open when an attach client's input ends.</summary>
    public bool LeaveStdinOpen { get; init; }
    /// <summary>
    /// Completes once the bundle is written: the runtime may start its monitor before, so that
    /// the monitor's own start overlaps the bundle's preparation, but creates nothing until
    /// then. A fault or cancellation means the bundle will never be ready: nothing is created.
    /// </summary>
    public Task BundleReady { get; init; } = Task.CompletedTask;
}
