using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>Archive entry names made safe to join to a root.</summary>
public static class SafePath
{
    /// <summary>
    /// The entry's path relative to the root: leading <c>/</c> and <c>./</c> dropped; null for
    /// the root itself; a <c>..</c> component refused.
    /// </summary>
    public static string? Normalize(string name)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
                throw BerthException.Invalid($"invalid path in archive: {name}: it leaves the archive's root");
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>
    /// Joins a normalised path to the root, refusing when any parent directory inside the
    /// root is a symlink: writing through it could land anywhere.
    /// </summary>
    public static string Resolve(string root, string relative, string entryName)
    {
        string current = root;
        string[] parts = relative.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Combine(current, parts[i]);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
                throw BerthException.Invalid($"invalid path in archive: {entryName}: {parts[i]} is a symlink");
            if (info.Exists)
                throw BerthException.Invalid($"invalid path in archive: {entryName}: {parts[i]} is not a directory");
            if (!Directory.Exists(current))
                Directory.CreateDirectory(current);
        }
        return Path.Combine(root, relative);
    }
}
