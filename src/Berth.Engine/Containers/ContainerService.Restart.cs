using Berth.Core.Containers;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_healthyRun = TimeSpan.FromSeconds(10);

    /// <summary>Docker's rules: no, always, unless-stopped, on-failure[:max]; never after stop or kill.</summary>
    internal static bool ShouldRestart(Container c, bool daemonStarting = false)
    {
        if (c.State.StoppedByUser && !(daemonStarting && c.HostConfig.RestartPolicy.Name == "always"))
            return false;
        return c.HostConfig.RestartPolicy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => c.State.ExitCode != 0
                && (c.HostConfig.RestartPolicy.MaximumRetryCount == 0 || c.RestartCount < c.HostConfig.RestartPolicy.MaximumRetryCount),
            _ => false,
        };
    }

    /// <summary>Waits out the back-off and starts the container again.</summary>
    /// <param name="markRestarting">At daemon start the container is exited and becomes restarting
    /// here; after an exit it already is (and a stop meanwhile made it exited, which must hold).</param>
    private async Task RestartAfterBackoffAsync(ContainerHandle handle, bool markRestarting = false)
    {
        var c = handle.Current;
        bool ranLong = c.State.FinishedAt - c.State.StartedAt >= s_healthyRun;
        handle.RestartBackoff = ranLong || handle.RestartBackoff == TimeSpan.Zero
            ? s_firstBackoff
            : TimeSpan.FromTicks(Math.Min(handle.RestartBackoff.Ticks * 2, s_maxBackoff.Ticks));
        var cancel = new CancellationTokenSource();
        handle.PendingRestart = cancel;
        if (markRestarting)
            Update(handle, x => x with { State = x.State with { Status = ContainerStatus.Restarting } });
        try
        {
            await Task.Delay(handle.RestartBackoff, cancel.Token);
            await handle.Lock.WaitAsync(cancel.Token);
            try
            {
                if (handle.Current.State.Status != ContainerStatus.Restarting)
                    return;
                Update(handle, x => x with { RestartCount = x.RestartCount + 1 });
                await StartLockedAsync(handle, CancellationToken.None);
            }
            finally
            {
                handle.Lock.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped, killed or removed while waiting.
        }
        catch (Exception e)
        {
            LogMessages.RestartFailed(_log, c.Id, e);
        }
        finally
        {
            if (handle.PendingRestart == cancel)
                handle.PendingRestart = null;
        }
    }

    /// <summary>
    /// Calls off a pending restart: the container stays exited. Taken under the lifecycle lock,
    /// so a restart already under way finishes first; false then, and the caller stops the
    /// running container as usual.
    /// </summary>
    private async Task<bool> CancelRestartAsync(ContainerHandle handle, CancellationToken ct)
    {
        handle.PendingRestart?.Cancel();
        await handle.Lock.WaitAsync(ct);
        try
        {
            if (handle.Current.State.Status != ContainerStatus.Restarting)
                return false;
            Update(handle, x => x with { State = x.State with { Status = ContainerStatus.Exited, StoppedByUser = true } });
            return true;
        }
        finally
        {
            handle.Lock.Release();
        }
    }
}
