namespace Berth.Core.Runtime;

/// <summary>
/// An OCI runtime with its per-container monitor: the verbs the engine issues on a bundle.
/// <code>
///   CreateAsync (monitor runs runtime create) → StartAsync → [Pause/Resume, Update, Exec...]
///     → the process exits (the monitor writes the exit file) → DeleteAsync
/// </code>
/// Failures of the runtime itself are <c>BerthException</c>s whose message carries the
/// runtime's own error text, which the engine turns into Docker's wording.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>Creates the container from its bundle under a monitor; returns its init pid.</summary>
    Task<int> CreateAsync(RuntimeCreateOptions options, CancellationToken ct);

    /// <summary>Lets a created container's process run.</summary>
    Task StartAsync(string id, CancellationToken ct);

    Task KillAsync(string id, int signal, bool all, CancellationToken ct);

    /// <summary>Forgets the container's runtime state; <paramref name="force"/> kills it first.</summary>
    Task DeleteAsync(string id, bool force, CancellationToken ct);

    /// <summary>
    /// Starts a process described by <paramref name="processFile"/> (an OCI process spec) in the
    /// container with piped stdio.
    /// </summary>
    /// <param name="runtimeLog">where the runtime writes its own errors, so stderr is the process's alone.</param>
    /// <param name="consoleSocket">for a spec that asks for a terminal: the unix socket the runtime sends its master to.</param>
    IExecProcess StartExec(string id, string processFile, string runtimeLog, string? consoleSocket);

    /// <summary>Applies new cgroup limits (OCI <c>linux.resources</c> JSON in a file) to a running container.</summary>
    Task UpdateAsync(string id, string resourcesFile, CancellationToken ct);

    Task PauseAsync(string id, CancellationToken ct);

    Task ResumeAsync(string id, CancellationToken ct);

    /// <summary>The host PIDs of every process in the container.</summary>
    Task<IReadOnlyList<int>> PidsAsync(string id, CancellationToken ct);

    /// <summary>The runtime's view of a container; null when it does not know it.</summary>
    Task<RuntimeState?> StateAsync(string id, CancellationToken ct);

    /// <summary>The IDs the runtime holds state for, running or not (recovery cleans up the strays).</summary>
    IReadOnlyList<string> Known();
}
