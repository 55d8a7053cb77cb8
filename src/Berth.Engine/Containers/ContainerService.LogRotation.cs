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
            lock (handle.LogRotationLock)
                if (LogRotation.RotateIfFull(_paths.LogPath(c.Id), options))
                    WriteControl(c.Id, "2 0 0\n"); // conmon: reopen the log file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.Errors.BerthException)
        {
            LogMessages.CleanupFailed(_log, "log rotation", c.Id, e);
        }
    }

    /// <summary>Sends one message to conmon's control fifo ("TYPE ARG ARG\n": 1 resize, 2 reopen the log).</summary>
    private void WriteControl(string id, string message)
    {
        using var fifo = new FileStream(Path.Combine(_paths.ContainerDir(id), "ctl"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        fifo.Write(System.Text.Encoding.ASCII.GetBytes(message));
    }
}
