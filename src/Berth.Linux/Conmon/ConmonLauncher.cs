using System.Text.Json;
using Berth.Core.Errors;
using Berth.Linux.Processes;

namespace Berth.Linux.Conmon;

/// <summary>
/// Starts conmon, which runs <c>runtime create</c> and then stays as the container's parent:
/// it holds stdio, writes the log and the exit file, so berthd may die and come back.
/// <code>
/// berthd                 conmon (parent)     conmon (monitor)        runtime
///   |-- posix_spawn ------->|                                           |
///   |                       |-- fork -------------->|                   |
///   |<-- exit 0 ------------|                       |-- create -------->|
///   |<------- sync pipe: {"data": pid} -------------|                   |
///   |-- runc start (by berthd) -------------------------------------->  |
///   |           ... container exits: exit-dir/ID holds the code ...     |
/// </code>
/// On failure the sync pipe says <c>{"data": -1, "message": "..."}</c>.
/// </summary>
public sealed class ConmonLauncher(string binary)
{
    private const int SyncPipeFd = 3;

    /// <summary>Creates the container; returns its init pid once the runtime has created it.</summary>
    public async Task<int> CreateAsync(ConmonOptions o, CancellationToken ct)
    {
        var argv = new List<string>
        {
            binary, "--api-version", "1",
            "-c", o.ContainerId, "-u", o.ContainerId, "-n", o.Name,
            "-r", o.RuntimeBinary, "-b", o.BundleDir,
            "-p", o.PidFile, "-P", o.ConmonPidFile,
            "-l", "k8s-file:" + o.LogPath,
            "--exit-dir", o.ExitDir,
            "--socket-dir-path", o.BundleDir, "--full-attach",
            "--runtime-arg", "--root=" + o.RuntimeRoot,
            "--log-level", "error",
        };
        if (o.LogMaxSize > 0)
            argv.AddRange(["--log-size-max", o.LogMaxSize.ToString()]);
        if (o.Terminal)
            argv.Add("-t");
        if (o.Stdin)
            argv.Add("-i");
        if (o.Stdin && o.LeaveStdinOpen)
            argv.Add("--leave-stdin-open");

        using var sync = SocketPair.Create();
        int pid = Spawner.Spawn(binary, argv,
            ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", $"_OCI_SYNCPIPE={SyncPipeFd}"],
            [(sync.Child, SyncPipeFd)]);
        sync.Child.Dispose();
        // The first conmon exits as soon as it has forked the monitor; reap it (as the
        // subreaper, without holding a pool thread in waitpid meanwhile).
        int status = Subreaper.IsEnabled ? await Subreaper.WaitAsync(pid).WaitAsync(ct) : await Task.Run(() => Spawner.WaitExit(pid), ct);
        if (status != 0)
            throw new ToolException("conmon", status, "conmon failed to start");

        string? line = await sync.ReadLineAsync(ct);
        ReapMonitor(o.ConmonPidFile);
        if (string.IsNullOrEmpty(line))
            throw new BerthException(ErrorKind.Internal, "conmon exited before the runtime created the container");
        using var doc = JsonDocument.Parse(line);
        int data = doc.RootElement.GetProperty("data").GetInt32();
        if (data <= 0)
        {
            string message = doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            throw new ToolException("runtime create", -data, message);
        }
        return data;
    }

    /// <summary>
    /// The monitor is an orphan once the first conmon has exited: with berthd the subreaper it
    /// is berthd's child, reaped here when it ends (its pid file is written by the time the
    /// sync pipe speaks or closes).
    /// </summary>
    private static void ReapMonitor(string pidFile)
    {
        if (Subreaper.IsEnabled && File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid) && pid > 0)
            _ = Subreaper.WaitAsync(pid);
    }
}
