using Berth.Core.Errors;
using Berth.Engine.Logs;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Streams a container's log; with follow, until the container stops.</summary>
    public Task LogsAsync(string idOrName, LogQuery query, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        var handle = Find(idOrName);
        CheckLogsReadable(idOrName);
        return LogReader.ReadRotatedAsync(LogRotation.Files(_paths.LogPath(handle.Current.Id)), query, sink, () => !handle.IsRunning, () => handle.Changed, ct);
    }

    /// <summary>
    /// Streams what the container writes from now on, until its next exit: the output half of
    /// attach. conmon keeps the log, so reading it from the current end gives the same bytes.
    /// With <paramref name="replay"/> (attach's <c>logs=1</c>) the log is read from its start
    /// instead, so what was written before and what comes after arrive in one stream, none
    /// lost or doubled in between.
    /// </summary>
    public async Task AttachOutputAsync(string idOrName, bool stdout, bool stderr, Func<LogEntry, ValueTask> sink, CancellationToken ct, bool replay = false)
    {
        var handle = Find(idOrName);
        var c = handle.Current;
        // A stopped container may be attached to: `start -a` attaches first, then starts.
        int exits = handle.Exits;
        string log = _paths.LogPath(c.Id);
        long offset = replay || !File.Exists(log) ? 0 : new FileInfo(log).Length;
        var query = new LogQuery { Stdout = stdout, Stderr = stderr, Follow = true, Offset = offset };
        Emit(c, "attach");
        handle.Attach();
        try
        {
            await LogReader.ReadAsync(log, query, sink, () => handle.Exits > exits || handle.Removed, () => handle.Changed, ct);
        }
        finally
        {
            handle.Detach();
        }
    }

    /// <summary>The user typed the detach keys on an attach: Docker's <c>detach</c> event.</summary>
    public void NoteDetached(string idOrName) => Emit(Find(idOrName).Current, "detach");

    /// <summary>Refuses to read the log of a container whose driver keeps none (<c>none</c>).</summary>
    public void CheckLogsReadable(string idOrName)
    {
        if (!LogOptions.From(Find(idOrName).Current.HostConfig.LogConfig).Readable)
            throw BerthException.Invalid("configured logging driver does not support reading");
    }

    /// <summary>What <c>logs --details</c> puts before each line (see <see cref="LogOptions.Details"/>).</summary>
    public string LogDetails(string idOrName)
    {
        var c = Find(idOrName).Current;
        return LogOptions.Details(c.HostConfig.LogConfig, c.Config);
    }

    public bool IsTty(string idOrName) => Find(idOrName).Current.Config.Tty;
}
