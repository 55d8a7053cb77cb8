using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Core.Containers;
using Berth.Engine.Files;

namespace Berth.Engine.Build;

/// <summary>
/// The classic builder's cache: a step's key is its parent image and its run config, whose
/// <c>Cmd</c> names the instruction after substitution (and for COPY/ADD the checksum of what it
/// copies), so equal keys give equal images. One small file per key under the data root's
/// <c>builder/cache/</c>; it survives daemon restarts, and an entry whose image is gone is a miss.
/// <code>
///   builder/cache/&lt;key&gt;:  image ID \n created (unix ms) \n times used \n history's created_by
///   its mtime:            last used
/// </code>
/// A file of one line (an older daemon's) is the image ID alone.
/// </summary>
internal sealed class BuildCache(string directory)
{
    /// <summary>One cached step as stored.</summary>
    public sealed record Entry(string Key, string ImageId, DateTimeOffset Created, DateTimeOffset LastUsed, int UsageCount, string Description);

    public static string Key(string? parentId, ContainerConfig runConfig)
    {
        string text = (parentId ?? "") + "\n" + JsonSerializer.Serialize(runConfig, EngineJson.Default.ContainerConfig);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string? Get(string key) => Read(key)?.ImageId;

    /// <summary>A hit: counts the use and makes now its last use. Not synced to disk: a count lost to a power cut costs nothing.</summary>
    public void Touch(string key)
    {
        if (Read(key) is { } entry)
            Write(entry with { UsageCount = entry.UsageCount + 1 }, durable: false);
    }

    public void Put(string key, string imageId, string description) =>
        Write(new Entry(key, imageId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 0, description));

    public IReadOnlyList<Entry> List()
    {
        if (!Directory.Exists(directory))
            return [];
        var entries = new List<Entry>();
        foreach (string file in Directory.EnumerateFiles(directory))
            if (Read(Path.GetFileName(file)) is { } entry)
                entries.Add(entry);
        return entries;
    }

    public void Remove(string key) => File.Delete(Path.Combine(directory, key));

    private Entry? Read(string key)
    {
        string path = Path.Combine(directory, key);
        string[] lines;
        DateTime modified;
        try
        {
            lines = File.ReadAllText(path).Split('\n');
            modified = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // no such record, or no record yet at all
        }
        var lastUsed = new DateTimeOffset(modified, TimeSpan.Zero);
        DateTimeOffset created = lines.Length > 1 && long.TryParse(lines[1], out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : lastUsed;
        int used = lines.Length > 2 && int.TryParse(lines[2], out int n) ? n : 0;
        return new Entry(key, lines[0].Trim(), created, lastUsed, used, lines.Length > 3 ? lines[3] : "");
    }

    private void Write(Entry entry, bool durable = true)
    {
        Directory.CreateDirectory(directory);
        // The description is one line: a heredoc's newlines must not split the record.
        string description = entry.Description.Replace('\n', ' ');
        AtomicFile.Write(Path.Combine(directory, entry.Key), $"{entry.ImageId}\n{entry.Created.ToUnixTimeMilliseconds()}\n{entry.UsageCount}\n{description}\n", durable);
    }
}
