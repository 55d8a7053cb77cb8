namespace Berth.Engine.Logs;

/// <summary>
/// Reads a container's log file, and in follow mode keeps reading as conmon appends until
/// the container has stopped and everything it wrote has been delivered.
/// </summary>
public static class LogReader
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="stopped">true once the container is no longer running; checked before the last drain.</param>
    /// <param name="changed">a task completing at the container's next state change, to notice the end at once.</param>
    public static async Task ReadAsync(string path, LogQuery query, Func<LogEntry, ValueTask> sink, Func<bool> stopped, Func<Task> changed, CancellationToken ct)
    {
        long offset = query.Offset;
        if (query.Tail is int tail && File.Exists(path))
            (offset, _) = await LogTail.FindAsync(path, tail, ct);
        var pending = new List<byte>();
        while (true)
        {
            Task next = changed();
            bool wasStopped = stopped();
            offset = await DrainAsync(path, offset, pending, query, sink, ct);
            if (!query.Follow || wasStopped)
                return;
            await Task.WhenAny(Task.Delay(s_pollInterval, ct), next);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Reads a rotated log: <paramref name="files"/> oldest first, the live one last (followed
    /// if asked). <c>--tail</c> counts lines across all of them.
    /// </summary>
    public static async Task ReadRotatedAsync(IReadOnlyList<string> rotated, LogQuery query, Func<LogEntry, ValueTask> sink, Func<bool> stopped, Func<Task> changed, CancellationToken ct)
    {
        var files = new List<string>(rotated.Count);
        try
        {
            foreach (string file in rotated)
            {
                try
                {
                    files.Add(LogRotation.Readable(file));
                }
                catch (FileNotFoundException)
                {
                    files.Add(file); // rotated away meanwhile: read as empty
                }
            }
            await ReadFilesAsync(files, query, sink, stopped, changed, ct);
        }
        finally
        {
            for (int i = 0; i < files.Count; i++)
                if (files[i] != rotated[i])
                    File.Delete(files[i]);
        }
    }

    private static async Task ReadFilesAsync(IReadOnlyList<string> files, LogQuery query, Func<LogEntry, ValueTask> sink, Func<bool> stopped, Func<Task> changed, CancellationToken ct)
    {
        int first = 0;
        long firstOffset = 0;
        if (query.Tail is int tail)
        {
            // Newest file first, each read backwards only as far as the lines still wanted.
            int remaining = tail;
            for (first = files.Count - 1; ; first--)
            {
                (firstOffset, int lines) = await LogTail.FindAsync(files[first], remaining, ct);
                if (lines >= remaining || first == 0)
                    break;
                remaining -= lines;
            }
        }
        for (int i = first; i < files.Count - 1; i++)
            await ReadAsync(files[i], query with { Follow = false, Tail = null, Offset = i == first ? firstOffset : 0 }, sink, () => true, changed, ct);
        await ReadAsync(files[^1], query with { Tail = null, Offset = first == files.Count - 1 ? firstOffset : 0 }, sink, stopped, changed, ct);
    }

    private static async Task<long> DrainAsync(string path, long offset, List<byte> pending, LogQuery query, Func<LogEntry, ValueTask> sink, CancellationToken ct)
    {
        if (!File.Exists(path))
            return offset;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        if (file.Length < offset)
            offset = 0; // truncated by rotation
        file.Position = offset;
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = await file.ReadAsync(buffer, ct)) > 0)
        {
            int start = 0;
            for (int i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                byte[] line = pending.Count == 0 ? buffer[start..i] : [.. pending, .. buffer.AsSpan(start, i - start)];
                pending.Clear();
                start = i + 1;
                if (K8sLogFormat.TryParse(line, out var entry) && Wanted(entry, query))
                    await sink(entry);
            }
            pending.AddRange(buffer.AsSpan(start, n - start));
            offset += n;
        }
        // An incomplete record stays pending; re-read it next time from its start.
        offset -= pending.Count;
        pending.Clear();
        return offset;
    }

    private static bool Wanted(in LogEntry e, LogQuery q) =>
        (e.Stream == LogStream.Stderr ? q.Stderr : q.Stdout)
        && (q.Since is null || e.Time >= q.Since)
        && (q.Until is null || e.Time <= q.Until);
}
