namespace Berth.Core.Containers;

/// <summary>
/// Freezes a running container's processes and thaws them (<c>docker pause</c>/<c>unpause</c>),
/// for work that needs a consistent cut of its filesystem, such as commit.
/// </summary>
public interface IContainerFreezer
{
    /// <summary>Conflict when the container is not running or already paused.</summary>
    Task PauseAsync(string idOrName, CancellationToken ct);

    /// <summary>Conflict when the container is not paused.</summary>
    Task UnpauseAsync(string idOrName, CancellationToken ct);
}
