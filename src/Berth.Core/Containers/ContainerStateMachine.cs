using Berth.Core.Errors;

namespace Berth.Core.Containers;

/// <summary>
/// Which status may follow which. Anything else is a bug or a race, refused as a conflict.
/// <code>
///   Created ──start──▶ Running ──exit──▶ Exited ──start──▶ Running
///      │                 │  ▲                 │
///      │               pause unpause          │
///      │                 ▼  │                 │
///      │               Paused                 │
///      └──────────remove──▶ Removing ◀────────┘
/// </code>
/// </summary>
public static class ContainerStateMachine
{
    private static readonly Dictionary<ContainerStatus, ContainerStatus[]> s_next = new()
    {
        [ContainerStatus.Created] = [ContainerStatus.Running, ContainerStatus.Exited, ContainerStatus.Removing, ContainerStatus.Dead],
        [ContainerStatus.Running] = [ContainerStatus.Exited, ContainerStatus.Paused, ContainerStatus.Restarting, ContainerStatus.Removing, ContainerStatus.Dead],
        [ContainerStatus.Paused] = [ContainerStatus.Running, ContainerStatus.Exited, ContainerStatus.Removing, ContainerStatus.Dead],
        [ContainerStatus.Restarting] = [ContainerStatus.Running, ContainerStatus.Exited, ContainerStatus.Removing, ContainerStatus.Dead],
        [ContainerStatus.Exited] = [ContainerStatus.Running, ContainerStatus.Restarting, ContainerStatus.Removing, ContainerStatus.Dead, ContainerStatus.Exited],
        [ContainerStatus.Removing] = [ContainerStatus.Dead, ContainerStatus.Exited],
        [ContainerStatus.Dead] = [ContainerStatus.Removing],
    };

    public static bool CanMove(ContainerStatus from, ContainerStatus to) => from == to || s_next[from].Contains(to);

    public static void EnsureCanMove(ContainerStatus from, ContainerStatus to)
    {
        if (!CanMove(from, to))
            throw new BerthException(ErrorKind.Conflict, $"cannot move a container from {from} to {to}".ToLowerInvariant());
    }
}
