using Berth.Core.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// A container in memory: its latest record, a lock serialising lifecycle operations on it,
/// and a signal that fires on every change so waiters (wait, attach, logs -f) wake up.
/// </summary>
internal sealed class ContainerHandle(Container container)
{
    /// <summary>Serialises log rotations: the watcher and the sweep may both find the log full.</summary>
    public object LogRotationLock { get; } = new();

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Container Current { get; private set; } = container;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>How many times the container has exited since the daemon started.</summary>
    public int Exits { get; private set; }

    public bool Removed { get; private set; }

    /// <summary>Cancels a restart waiting out its back-off (stop, kill and rm do).</summary>
    public CancellationTokenSource? PendingRestart { get; set; }

    /// <summary>The next restart's delay: doubles from 100 ms to a minute, reset by 10 s of running.</summary>
    public TimeSpan RestartBackoff { get; set; } = TimeSpan.Zero;

    /// <summary>The runtime's cleanup after the last exit (runc delete), run off the exit path.</summary>
    public Task RuntimeCleanup { get; set; } = Task.CompletedTask;

    private int _attached;

    /// <summary>Clients streaming the container's output; auto-removal waits for them to drain the log.</summary>
    public int Attached => Volatile.Read(ref _attached);

    public void Attach() => Interlocked.Increment(ref _attached);

    public void Detach()
    {
        Interlocked.Decrement(ref _attached);
        Notify();
    }

    /// <summary>Completes at the next change; take it before checking the condition you wait for.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public bool IsRunning => Current.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting;

    public void Set(Container container, bool exited = false)
    {
        Current = container;
        if (exited)
            Exits++;
        Notify();
    }

    public void MarkRemoved()
    {
        Removed = true;
        Notify();
    }

    private void Notify() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
}
