using System.Text.Json;
using Berth.Core.Errors;
using Berth.Linux.Processes;

namespace Berth.Linux.Conmon;

/// <summary>
/// Starts conmon, which runs <c>runtime create</c> and then stays as the container's parent:
/// it holds stdio, writes the log and the exit file, so berthd may die and come back.
/// conmon is spawned while berthd still prepares the bundle and waits on its start pipe
/// (its exec, libraries and log setup overlap the mount and the spec); a bundle that is never
/// ready kills it before it forks.
/// <code>
/// berthd                 conmon (parent)     conmon (monitor)        runtime
///   |-- posix_spawn ------->|  (reads the start pipe)                   |
///   |   ... mount, /etc files, config.json ...                          |
///   |-- start pipe: 1 byte->|                                           |
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
    private const int StartPipeFd = 4;

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
        using var start = SocketPair.Create();
        int pid = Spawner.Spawn(binary, argv,
            ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", $"_OCI_SYNCPIPE={SyncPipeFd}", $"_OCI_STARTPIPE={StartPipeFd}"],
            [(sync.Child, SyncPipeFd), (start.Child, StartPipeFd)]);
        sync.Child.Dispose();
        start.Child.Dispose();
        try
        {
            await o.BundleReady.WaitAsync(ct);
        }
        catch
        {
            // A closed start pipe would let conmon go on to create from whatever bundle is there.
            Signals.Send(pid, Signals.SIGKILL);
            await ReapAsync(pid);
            throw;
        }
        await start.Parent.SendAsync(new byte[] { 1 }, System.Net.Sockets.SocketFlags.None, CancellationToken.None);
        // The first conmon exits as soon as it has forked the monitor; reap it.
        int status = await ReapAsync(pid);
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

    /// <summary>Waits for our child's exit: as the subreaper, without holding a pool thread in waitpid meanwhile.</summary>
    private static Task<int> ReapAsync(int pid) =>
        Subreaper.IsEnabled ? Subreaper.WaitAsync(pid) : Task.Run(() => Spawner.WaitExit(pid));

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
