using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const int DefaultStopTimeout = 10;

    /// <summary>
    /// The stop signal, then SIGKILL after the timeout (-1 waits forever). False when the
    /// container was not running (the API's 304).
    /// </summary>
    public async Task<bool> StopAsync(string idOrName, int? timeout, string? signal, CancellationToken ct)
    {
        var handle = Find(idOrName);
        if (handle.Current.State.Status == ContainerStatus.Restarting && await CancelRestartAsync(handle, ct))
            return true;
        if (!handle.IsRunning)
            return false;
        await StopHandleAsync(handle, timeout, signal, ct);
        Emit(handle.Current, "stop");
        return true;
    }

    private async Task StopHandleAsync(ContainerHandle handle, int? timeout, string? signal, CancellationToken ct)
    {
        Container c = handle.Current;
        MarkStoppedByUser(handle);
        int sig = Signals.Parse(signal ?? c.Config.StopSignal) ?? Signals.SIGTERM;
        int seconds = timeout ?? c.Config.StopTimeout ?? DefaultStopTimeout;
        Signals.Send(c.State.Pid, sig);
        Emit(c, "kill", ("signal", sig.ToString())); // as dockerd: every signal it sends is a kill event
        if (await WaitForExitAsync(handle, seconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds), ct))
            return;
        await SendKillAsync(handle, ct);
        await WaitForExitAsync(handle, Timeout.InfiniteTimeSpan, ct);
    }

    /// <summary>
    /// SIGKILL (a kill event), then a thaw if the container is frozen: under cgroup v1 a frozen
    /// process does not die until thawed, as moby resumes after its kill. Asked of the runtime,
    /// not the record: a daemon killed between runc pause and the record (a commit) leaves a
    /// frozen container recorded as running.
    /// </summary>
    private async Task SendKillAsync(ContainerHandle handle, CancellationToken ct)
    {
        Signals.Send(handle.Current.State.Pid, Signals.SIGKILL);
        Emit(handle.Current, "kill", ("signal", Signals.SIGKILL.ToString()));
        try
        {
            if (await _runtime.StateAsync(handle.Current.Id, ct) is { Status: "paused" })
                await _runtime.ResumeAsync(handle.Current.Id, ct);
        }
        catch (ToolException)
        {
            // It died before the question or the thaw: nothing left to thaw.
        }
    }

    public async Task KillAsync(string idOrName, string? signal, CancellationToken ct)
    {
        // As dockerd: a signal that does not parse is refused before the container is looked up;
        // a number past Linux's is refused after, and every error after names the container.
        string text = string.IsNullOrEmpty(signal) ? "KILL" : signal;
        int? known = Signals.Parse(text);
        if (known is null && !(int.TryParse(text, out int number) && number > 0))
            throw BerthException.Invalid($"Invalid signal: {signal}");
        ContainerHandle handle;
        try
        {
            handle = Find(idOrName);
        }
        catch (BerthException e)
        {
            throw new BerthException(e.Kind, $"Cannot kill container: {idOrName}: {e.Message}");
        }
        int sig = known ?? throw BerthException.Invalid($"Cannot kill container: {idOrName}: The linux daemon does not support signal {text}");
        if (handle.Current.State.Status == ContainerStatus.Restarting)
            await CancelRestartAsync(handle, ct);
        if (!handle.IsRunning)
            throw BerthException.Conflict($"Cannot kill container: {idOrName}: Container {handle.Current.Id} is not running");
        if (sig is Signals.SIGKILL or Signals.SIGTERM)
            MarkStoppedByUser(handle);
        if (sig == Signals.SIGKILL)
            await SendKillAsync(handle, ct);
        else
        {
            Signals.Send(handle.Current.State.Pid, sig);
            Emit(handle.Current, "kill", ("signal", sig.ToString()));
        }
        if (sig == Signals.SIGKILL)
            await WaitForExitAsync(handle, Timeout.InfiniteTimeSpan, ct);
    }

    public async Task RestartAsync(string idOrName, int? timeout, string? signal, CancellationToken ct)
    {
        var handle = Find(idOrName);
        if (handle.IsRunning)
        {
            await StopHandleAsync(handle, timeout, signal, ct);
            Emit(handle.Current, "stop"); // as dockerd's restart: kill, die, stop, start, restart
        }
        await StartAsync(handle.Current.Id, ct);
        Emit(handle.Current, "restart");
    }

    /// <summary>
    /// Registers a wait for a condition and returns the wait itself, which yields the exit code.
    /// Two steps because the API must answer 200 once the waiter is registered, before the
    /// client starts the container (<c>docker run</c> waits on that answer to avoid a race).
    /// </summary>
    public Func<CancellationToken, Task<int>> BeginWait(string idOrName, WaitCondition condition)
    {
        var handle = Find(idOrName);
        int exitsAtStart = handle.Exits;
        return async ct =>
        {
            while (true)
            {
                Task changed = handle.Changed;
                bool done = condition switch
                {
                    // An exit its restart policy follows leaves it restarting: that exit still ends the wait.
                    WaitCondition.NotRunning => !handle.IsRunning || handle.Exits > exitsAtStart,
                    WaitCondition.NextExit => handle.Exits > exitsAtStart,
                    _ => handle.Removed,
                };
                if (done)
                    return handle.Current.State.ExitCode;
                await changed.WaitAsync(ct);
            }
        };
    }

    /// <summary>True if the container stopped within <paramref name="limit"/>.</summary>
    private static async Task<bool> WaitForExitAsync(ContainerHandle handle, TimeSpan limit, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            while (true)
            {
                Task changed = handle.Changed;
                if (!handle.IsRunning)
                    return true;
                await changed.WaitAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private void MarkStoppedByUser(ContainerHandle handle)
    {
        if (!handle.Current.State.StoppedByUser)
            Update(handle, c => c with { State = c.State with { StoppedByUser = true } });
    }
}
