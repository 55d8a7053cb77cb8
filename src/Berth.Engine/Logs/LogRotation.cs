using System.IO.Compression;

namespace Berth.Engine.Logs;

/// <summary>
/// json-file rotation over conmon's log: when the log reaches the size limit, it becomes
/// <c>.1</c> (older ones shift up, the oldest beyond <c>max-file</c> goes) and conmon is told
/// to reopen its log, starting a new one. With one file, the full log is simply dropped.
/// The live log is moved aside first, so a reader never sees two files with one name.
/// With <c>compress</c>, rotated files are gzipped as Docker's json-file keeps them
/// (<c>.1.gz</c>, <c>.2.gz</c>...) once conmon has moved on to the new log (<see cref="CompressNewest"/>),
/// and read back decompressed.
/// </summary>
public static class LogRotation
{
    /// <summary>The rotated files, oldest first, then the live one: the order to read them in.</summary>
    public static IReadOnlyList<string> Files(string log)
    {
        var files = new List<string>();
        for (int i = 1; Rotated(log, i) is { } file; i++)
            files.Insert(0, file);
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
        File.Delete(log + "." + kept + Gz);
        for (int i = kept - 1; i >= 1; i--)
            if (Rotated(log, i) is { } file)
                File.Move(file, log + "." + (i + 1) + (file.EndsWith(Gz, StringComparison.Ordinal) ? Gz : ""), overwrite: true);
        File.Move(log + ".rotating", log + ".1", overwrite: true);
        return true;
    }

    /// <summary>
    /// Gzips the newest rotated file (<c>.1</c> to <c>.1.gz</c>, written aside and renamed in).
    /// Only once conmon has reopened its log: until then it still appends to <c>.1</c>, and
    /// what it wrote after the copy would be lost with the plain file.
    /// </summary>
    public static void CompressNewest(string log)
    {
        string plain = log + ".1";
        if (!File.Exists(plain))
            return;
        using (var source = File.OpenRead(plain))
        using (var target = new GZipStream(File.Create(plain + Gz + ".tmp"), CompressionLevel.Fastest))
            source.CopyTo(target);
        File.Move(plain + Gz + ".tmp", plain + Gz, overwrite: true);
        File.Delete(plain);
    }

    private const string Gz = ".gz";

    /// <summary>The rotated file number <paramref name="i"/>, plain or gzipped, or null.</summary>
    private static string? Rotated(string log, int i) =>
        File.Exists(log + "." + i) ? log + "." + i : File.Exists(log + "." + i + Gz) ? log + "." + i + Gz : null;

    /// <summary>
    /// A plain copy of a gzipped rotated file in the temp directory, for the readers (tail seeks
    /// backwards); the caller deletes it. Plain files are returned as they are.
    /// </summary>
    public static string Readable(string file)
    {
        if (!file.EndsWith(Gz, StringComparison.Ordinal))
            return file;
        string plain = Path.GetTempFileName();
        using var source = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var target = File.Create(plain);
        source.CopyTo(target);
        return plain;
    }
}
