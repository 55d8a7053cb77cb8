using System.Text;
using Berth.Core.Containers;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const int HealthLogKept = 5;
    private const int HealthOutputKept = 4096;

    /// <summary>Runs the container's health check until it stops running; started with the container.</summary>
    private async Task MonitorHealthAsync(ContainerHandle handle, HealthCheck check)
    {
        var startedAt = handle.Current.State.StartedAt;
        Update(handle, c => c with { State = c.State with { Health = new HealthState() } });
        while (true)
        {
            await Task.Delay(check.Interval);
            var c = handle.Current;
            if (c.State.Status != ContainerStatus.Running || c.State.StartedAt != startedAt)
                return;
            var probe = await ProbeAsync(c, check);
            bool inStartPeriod = probe.Start - startedAt < check.StartPeriod;
            Update(handle, x =>
            {
                var health = x.State.Health ?? new HealthState();
                int streak = probe.ExitCode == 0 ? 0 : inStartPeriod ? health.FailingStreak : health.FailingStreak + 1;
                string status = probe.ExitCode == 0 ? "healthy" : streak >= check.Retries ? "unhealthy" : health.Status;
                var log = health.Log.Append(probe).TakeLast(HealthLogKept).ToList();
                return x with { State = x.State with { Health = new HealthState { Status = status, FailingStreak = streak, Log = log } } };
            });
            string status = handle.Current.State.Health!.Status;
            if (status != (c.State.Health?.Status ?? "starting"))
                Emit(handle.Current, "health_status: " + status);
        }
    }

    /// <summary>One run of the check, killed at its timeout (exit code -1 then, as Docker records it).</summary>
    private async Task<HealthProbe> ProbeAsync(Container c, HealthCheck check)
    {
        var start = DateTime.UtcNow;
        var exec = new ExecInstance { Id = ContainerNames.NewId(), ContainerId = c.Id, Cmd = check.Command, AttachStdout = true, AttachStderr = true };
        _execs[exec.Id] = exec;
        Emit(c, "exec_create: " + string.Join(' ', exec.Cmd), ("execID", exec.Id)); // a probe's events are an exec's, as dockerd's
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(check.Timeout);
        int code;
        try
        {
            await RunExecAsync(exec.Id, detach: false, null, e =>
            {
                if (output.Length < HealthOutputKept)
                    output.Append(Encoding.UTF8.GetString(e.Content.Span));
                return ValueTask.CompletedTask;
            }, timeout.Token);
            code = exec.ExitCode ?? -1;
        }
        catch (OperationCanceledException)
        {
            code = -1;
            output.Append($"Health check exceeded timeout ({check.Timeout.TotalSeconds}s)");
        }
        catch (Core.Errors.BerthException e)
        {
            code = -1;
            output.Append(e.Message);
        }
        finally
        {
            _execs.TryRemove(exec.Id, out _);
        }
        return new HealthProbe(start, DateTime.UtcNow, code, output.ToString());
    }
}
