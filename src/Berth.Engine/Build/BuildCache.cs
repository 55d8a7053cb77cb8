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
/// <c>builder/cache/</c>, holding the image ID; it survives daemon restarts, and an entry whose
/// image is gone is a miss.
/// </summary>
internal sealed class BuildCache(string directory)
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = null };

    public static string Key(string? parentId, ContainerConfig runConfig)
    {
        string text = (parentId ?? "") + "\n" + JsonSerializer.Serialize(runConfig, s_json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string? Get(string key)
    {
        string path = Path.Combine(directory, key);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>Forgets every cached step (<c>builder prune</c>); the images stay. Returns the keys dropped.</summary>
    public IReadOnlyList<string> Clear()
    {
        if (!Directory.Exists(directory))
            return [];
        var keys = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            File.Delete(file);
            keys.Add(Path.GetFileName(file));
        }
        return keys;
    }

    public void Put(string key, string imageId)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, key), imageId + "\n");
    }
}
