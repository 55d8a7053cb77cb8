namespace Berth.Engine.Files;

/// <summary>Writes a file by temp file + rename, so a crash leaves the old or the new content, never half.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content, bool durable = true) => Write(path, System.Text.Encoding.UTF8.GetBytes(content), durable);

    /// <param name="durable">
    /// Also survive power loss (fsync before the rename). Files regenerated at every container
    /// start need not pay for it: the rename alone already survives a crash of the process.
    /// </param>
    public static void Write(string path, ReadOnlySpan<byte> content, bool durable = true)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            file.Write(content);
            file.Flush(flushToDisk: durable);
        }
        File.Move(temp, path, overwrite: true);
    }
}
