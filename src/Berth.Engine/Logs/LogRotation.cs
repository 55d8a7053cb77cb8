namespace Berth.Engine.Logs;

/// <summary>
/// json-file rotation over conmon's log: when the log reaches the size limit, it becomes
/// <c>.1</c> (older ones shift up, the oldest beyond <c>max-file</c> goes) and conmon is told
/// to reopen its log, starting a new one. With one file, the full log is simply dropped.
/// The live log is moved aside first, so a reader never sees two files with one name.
/// </summary>
public static class LogRotation
{
    /// <summary>The rotated files, oldest first, then the live one: the order to read them in.</summary>
    public static IReadOnlyList<string> Files(string log)
    {
        var files = new List<string>();
        for (int i = 1; File.Exists(log + "." + i); i++)
            files.Insert(0, log + "." + i);
        files.Add(log);
        return files;
    }

    /// <summary>Rotates <paramref name="log"/> if it has grown to the limit; true if it did (conmon must reopen).</summary>
    public static bool RotateIfFull(string log, LogOptions options)
    {
        if (!options.Rotates || !File.Exists(log) || new FileInfo(log).Length < options.MaxSize)
            return false;
        // max-file counts the live log: max-file 3 keeps .1 and .2 besides it.
        int kept = options.MaxFiles - 1;
        File.Move(log, log + ".rotating", overwrite: true);
        if (kept == 0)
        {
            File.Delete(log + ".rotating"); // conmon writes to it until it reopens; unlinked, it goes then
            return true;
        }
        File.Delete(log + "." + kept);
        for (int i = kept - 1; i >= 1; i--)
            if (File.Exists(log + "." + i))
                File.Move(log + "." + i, log + "." + (i + 1), overwrite: true);
        File.Move(log + ".rotating", log + ".1", overwrite: true);
        return true;
    }
}
