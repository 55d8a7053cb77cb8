using Berth.Engine.Files;
using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Runtime;
using Berth.Core.Runtime;
using Berth.Linux.Mounts;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Starts a container; false when it was already running (the API's 304).</summary>
    public async Task<bool> StartAsync(string idOrName, CancellationToken ct)
    {
        var handle = Find(idOrName);
        bool failed = false;
        await handle.Lock.WaitAsync(ct);
        try
        {
            if (handle.IsRunning)
                return false;
            if (handle.Current.State.Status is ContainerStatus.Removing or ContainerStatus.Dead)
                throw BerthException.Conflict($"cannot start a container that has been removed");
            await StartLockedAsync(handle, ct);
            return true;
        }
        catch (BerthException)
        {
            failed = true;
            throw;
        }
        finally
        {
            handle.Lock.Release();
            // As Docker: a --rm container that cannot start is removed; its client waits for that.
            if (failed && handle.Current.HostConfig.AutoRemove)
                await RemoveAsync(handle.Current.Id, force: true, CancellationToken.None, removeVolumes: true);
        }
    }

    /// <summary>mount rootfs → write /etc files and the OCI spec → conmon (runtime create) → runtime start.</summary>
    private async Task StartLockedAsync(ContainerHandle handle, CancellationToken ct)
    {
        Container c = handle.Current;
        var phases = new PhaseTimer(_log, "start", c.Id);
        string dir = _paths.ContainerDir(c.Id);
        string rootfs = _snapshots.RootfsOf(c.Id);
        File.Delete(Path.Combine(_paths.Exits, c.Id));
        await handle.RuntimeCleanup;
        phases.Mark("previous cleanup");
        IReadOnlyList<Core.Networking.NetworkAttachment> networks = [];
        Task<IReadOnlyList<Core.Networking.NetworkAttachment>>? attaching = null;
        // The monitor starts now and waits for the bundle: its start overlaps everything below.
        // A daemon killed before the bundle is ready closes the start pipe, and conmon goes on:
        // without a config.json (the last start's is deleted here) runc creates nothing.
        File.Delete(Path.Combine(dir, "config.json"));
        var bundleReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? creating = null;
        try
        {
            // Off this thread: posix_spawn holds its caller until conmon has exec'd (2-3 ms),
            // while the mount and the spec below can go on meanwhile.
            var create = new RuntimeCreateOptions
            {
                ContainerId = c.Id,
                Name = c.Name,
                BundleDir = dir,
                LogPath = _paths.LogPath(c.Id),
                ExitDir = _paths.Exits,
                PidFile = Path.Combine(_paths.Pids, c.Id),
                MonitorPidFile = Path.Combine(_paths.Pids, c.Id + ".conmon"),
                Terminal = c.Config.Tty,
                Stdin = c.Config.OpenStdin,
                // As Docker: an attach's end closes the stdin only of a container without a
                // terminal that was created attached (StdinOnce); a detach never closes it.
                LeaveStdinOpen = c.Config.Tty || !c.Config.StdinOnce,
                BundleReady = bundleReady.Task,
            };
            creating = Task.Run(() => _runtime.CreateAsync(create, ct), CancellationToken.None);
            phases.Mark("monitor spawn");
            var links = ResolveLinks(c);
            if (!Mounter.IsMounted(rootfs))
                Mounter.MountAt(_snapshots.ContainerMount(c.Id, Core.Images.ChainId.For(_images.Resolve(c.ImageId).DiffIds), disposable: c.HostConfig.AutoRemove), rootfs);
            phases.Mark("mount");
            // The plugins fill the namespace while the runtime creates the container in it; the
            // process runs only at the runtime's start, after both, with /etc/hosts rewritten.
            string? netns = await _network.CreateNamespaceAsync(c);
            attaching = _network.AttachAsync(c, ct);
            phases.Mark("network namespace");
            var spec = OciSpecBuilder.Build(new SpecInputs
            {
                Container = c with { Config = c.Config with { Env = ProcessEnvironment(c, c.Config.Tty, links) } },
                Rootfs = rootfs,
                Hostname = c.Config.Hostname,
                EtcFiles = EtcFiles.Write(dir, c, EtcNetworkingOf(c, [], links)),
                NetworkNamespace = netns,
                HostNofileHard = HostLimits.NofileHard,
                HostCapabilities = HostLimits.Capabilities,
                InitBinary = HostLimits.InitBinary,
                SharedNamespaces = SharedNamespaces(c),
                Mounts = _volumes.Prepare(c, rootfs),
            });
            // Straight into the file deleted above: the runtime reads it only once the start
            // pipe says it is whole, and a half-written one (a crash here) makes it fail.
            File.WriteAllBytes(Path.Combine(dir, "config.json"), JsonSerializer.SerializeToUtf8Bytes(spec, EngineJson.Default.JsonObject));
            phases.Mark("spec");

            bundleReady.SetResult();
            try
            {
                await Task.WhenAll(creating, attaching);
            }
            finally
            {
                // Whatever failed, what did get made is cleaned up below.
                if (attaching.IsCompletedSuccessfully)
                    networks = attaching.Result;
            }
            int pid = creating.Result;
            if (networks.Count > 0)
                EtcFiles.Rewrite(dir, c, EtcNetworkingOf(c, networks, links));
            int conmonPid = int.TryParse(File.ReadAllText(Path.Combine(_paths.Pids, c.Id + ".conmon")).Trim(), out int cp) ? cp : 0;
            phases.Mark("runtime create and network");
            await _runtime.StartAsync(c.Id, ct);
            phases.Mark("runtime start");
            Update(handle, c => c with
            {
                State = c.State with
                {
                    Status = ContainerStatus.Running, Pid = pid, ConmonPid = conmonPid, ExitCode = 0, Error = "",
                    StartedAt = DateTime.UtcNow, FinishedAt = default, StoppedByUser = false, OOMKilled = false,
                    Networks = networks,
                },
            });
            foreach (var a in networks)
                _network.Emit("connect", a.Network, c.Id);
            Emit(handle.Current, "start");
            phases.Mark("record");
            phases.Log();
            if (HealthCheck.From(handle.Current.Config.Healthcheck) is HealthCheck check)
                _ = MonitorHealthAsync(handle, check);
        }
        catch (BerthException e)
        {
            // A bundle that will never be ready: the monitor is killed before it creates anything.
            bundleReady.TrySetCanceled(CancellationToken.None);
            if (creating is not null)
            {
                try { await creating; }
                catch (Exception) { } // the failure is e, or comes from the cancellation just above
            }
            if (attaching is not null && !attaching.IsCompleted)
            {
                // The spec failed while the plugins ran: they finish before the cleanup undoes them.
                try { networks = await attaching; }
                catch (BerthException) { }
            }
            await CleanupRuntimeAsync(c.Id);
            await _network.DetachAsync(c.Id, networks);
            _volumes.Release(c);
            Mounter.Unmount(rootfs);
            string message = e is ToolException tool
                ? $"failed to create shim task: OCI runtime create failed: {RuntimeMessage(tool.Stderr)}: unknown"
                : e.Message;
            int code = StartFailureExitCode(message);
            // Counted as an exit so that attached clients and next-exit waiters are released.
            Update(handle, c => c with { State = c.State with { Error = message, ExitCode = code } }, exited: true);
            if (e is not ToolException)
                throw;
            throw new BerthException(code == 128 ? ErrorKind.Internal : ErrorKind.InvalidArgument, message, e);
        }
        finally
        {
            // Whatever else went wrong, the monitor must not wait on its start pipe forever.
            bundleReady.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>runc logs <c>time="..." level=error msg="..."</c>; the user wants the msg.</summary>
    private static string RuntimeMessage(string stderr)
    {
        var text = System.Text.RegularExpressions.Regex.Match(stderr, "msg=\"((?:[^\"\\\\]|\\\\.)*)\"");
        if (text.Success)
            return System.Text.RegularExpressions.Regex.Unescape(text.Groups[1].Value);
        var json = System.Text.RegularExpressions.Regex.Match(stderr, "\"msg\":\"((?:[^\"\\\\]|\\\\.)*)\"");
        return json.Success ? System.Text.RegularExpressions.Regex.Unescape(json.Groups[1].Value) : stderr.Trim();
    }

    /// <summary>What Docker reports as the exit code of a container that could not start.</summary>
    private static int StartFailureExitCode(string message) =>
        message.Contains("executable file not found") || message.Contains("no such file or directory") ? 127
        : message.Contains("permission denied") ? 126
        : 128;

    private async Task CleanupRuntimeAsync(string id)
    {
        try
        {
            await _runtime.DeleteAsync(id, force: true, CancellationToken.None);
        }
        catch (ToolException)
        {
            // Not known to the runtime: nothing to clean.
        }
        catch (IOException e)
        {
            // A cleanup must not stop a daemon start or an exit's handling.
            LogMessages.RuntimeCleanupFailed(_log, id, e);
        }
    }
}
