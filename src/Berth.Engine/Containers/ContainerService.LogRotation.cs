using Berth.Engine.Logs;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private Timer? _logRotator;
    private FileSystemWatcher? _logWatcher;

    /// <summary>
    /// Rotates the logs of running containers with a size limit as they fill: conmon owns the
    /// writes, so berthd watches the logs grow (one inotify watcher over every container
    /// directory) and checks the size on each change; a once-a-second sweep catches what the
    /// watcher drops under load. A log can overshoot its limit by the writes conmon makes
    /// before berthd's rename; Docker's json-file, doing the writes itself, rotates on the byte.
    /// </summary>
    private void StartLogRotation()
    {
        Directory.CreateDirectory(_paths.Containers);
        _logWatcher = new FileSystemWatcher(_paths.Containers, "*.log")
        {
            IncludeSubdirectories = true, NotifyFilter = NotifyFilters.Size | NotifyFilters.LastWrite,
        };
        _logWatcher.Changed += (_, e) =>
        {
            if (_containers.TryGetValue(Path.GetFileName(Path.GetDirectoryName(e.FullPath)) ?? "", out var handle) && handle.IsRunning)
                RotateIfFull(handle);
        };
        _logWatcher.EnableRaisingEvents = true;
        _logRotator = new Timer(_ =>
        {
            foreach (var handle in _containers.Values.Where(h => h.IsRunning))
                RotateIfFull(handle);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private void RotateIfFull(ContainerHandle handle)
    {
        var c = handle.Current;
        var options = LogOptions.From(c.HostConfig.LogConfig);
        if (!options.Rotates)
            return;
        try
        {
            string log = _paths.LogPath(c.Id);
            lock (handle.LogRotationLock)
                if (LogRotation.RotateIfFull(log, options))
                {
                    WriteControl(c.Id, "2 0 0\n"); // conmon: reopen the log file
                    if (options.Compress && Reopened(log, handle))
                        LogRotation.CompressNewest(log);
                }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.Errors.BerthException)
        {
            LogMessages.CleanupFailed(_log, "log rotation", c.Id, e);
        }
    }

    /// <summary>
    /// Whether conmon has let go of the rotated log: it made the new one (its writes are
    /// single-threaded, so none is still on its way to the old file), or it has exited. A
    /// conmon slower than that keeps its last rotated file plain, which reads the same.
    /// </summary>
    private static bool Reopened(string log, ContainerHandle handle)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < ReopenWait; Thread.Sleep(5))
            if (File.Exists(log) || !handle.IsRunning)
                return true;
        return false;
    }

    private static readonly TimeSpan ReopenWait = TimeSpan.FromSeconds(2);

    /// <summary>Sends one message to conmon's control fifo ("TYPE ARG ARG\n": 1 resize, 2 reopen the log).</summary>
    private void WriteControl(string id, string message)
    {
        using var fifo = new FileStream(Path.Combine(_paths.ContainerDir(id), "ctl"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        fifo.Write(System.Text.Encoding.ASCII.GetBytes(message));
    }
}
