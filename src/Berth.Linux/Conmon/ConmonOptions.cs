namespace Berth.Linux.Conmon;

/// <summary>What conmon needs to create one container and watch over it.</summary>
public sealed record ConmonOptions
{
    public required string ContainerId { get; init; }
    public required string Name { get; init; }
    public required string BundleDir { get; init; }
    public required string RuntimeBinary { get; init; }
    public required string RuntimeRoot { get; init; }
    /// <summary>Where the container's stdout/stderr go, in conmon's k8s-file format.</summary>
    public required string LogPath { get; init; }
    /// <summary>Where conmon writes a file named after the container holding its exit code.</summary>
    public required string ExitDir { get; init; }
    /// <summary>Holds the container's pid, written by the runtime.</summary>
    public required string PidFile { get; init; }
    public required string ConmonPidFile { get; init; }
    public bool Terminal { get; init; }
    public bool Stdin { get; init; }
    /// <summary>Keep the container's stdin open when an attach client's input ends (conmon otherwise closes it).</summary>
    public bool LeaveStdinOpen { get; init; }
    public long LogMaxSize { get; init; } = -1;
    /// <summary>conmon waits on its start pipe until this completes, then runs the runtime's create.</summary>
    public Task BundleReady { get; init; } = Task.CompletedTask;
}
