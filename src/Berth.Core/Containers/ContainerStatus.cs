namespace Berth.Core.Containers;

/// <summary>A container's lifecycle states, named as the Engine API's <c>State.Status</c>.</summary>
public enum ContainerStatus
{
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}
