namespace Berth.Engine.Files;

/// <summary>Writes a file by temp file + rename, so a crash leaves the old or the new content, never half.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content) => Write(path, System.Text.Encoding.UTF8.GetBytes(content));

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
