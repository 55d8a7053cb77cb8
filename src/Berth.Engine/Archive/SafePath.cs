using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Engine.Archive;

/// <summary>
/// Archive entry names made safe to join to a root. Policy (refuse rather than rewrite):
/// a <c>..</c> component, or a parent inside the root that is a symlink or not a directory,
/// fails the whole archive with <see cref="ErrorKind.InvalidArgument"/> naming the entry;
/// leading <c>/</c> and <c>./</c> are dropped, as Docker does. Nothing is ever resolved
/// through a symlink, so no write can land outside the root.
/// </summary>
public static class SafePath
{
    /// <summary>The entry's path relative to the root; null for the root itself.</summary>
    public static string? Normalize(string name)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
                throw Refused(name, "it leaves the archive's root");
            parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Joins a normalised path to the root, creating missing parent directories.</summary>
    public static string Resolve(string root, string relative, string entryName) => Walk(root, relative, entryName, create: true);

    /// <summary>Joins a normalised path naming something that must already exist (a hardlink's target).</summary>
    public static string ResolveExisting(string root, string relative, string entryName)
    {
        string path = Walk(root, relative, entryName, create: false);
        return FileSystem.TryLStat(path) is not null ? path : throw Refused(entryName, $"{relative} does not exist");
    }

    private static string Walk(string root, string relative, string entryName, bool create)
    {
        string current = root;
        string[] parts = relative.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            current = Path.Combine(current, parts[i]);
            switch (FileSystem.TryLStat(current)?.Kind)
            {
                case FileKind.Directory:
                    break;
                case null when create:
                    Directory.CreateDirectory(current);
                    break;
                case null:
                    throw Refused(entryName, $"{string.Join('/', parts[..(i + 1)])} does not exist");
                case FileKind.Symlink:
                    throw Refused(entryName, $"{string.Join('/', parts[..(i + 1)])} is a symlink");
                default:
                    throw Refused(entryName, $"{string.Join('/', parts[..(i + 1)])} is not a directory");
            }
        }
        return Path.Combine(root, relative);
    }

    private static BerthException Refused(string entryName, string why) =>
        BerthException.Invalid($"invalid path in archive: {entryName}: {why}");
}
