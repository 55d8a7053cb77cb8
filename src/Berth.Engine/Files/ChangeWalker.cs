using Berth.Core.Containers;
using Berth.Engine.Archive;
using Berth.Linux.Files;

namespace Berth.Engine.Files;

/// <summary>
/// <c>docker diff</c>: a container's changes read from its writable layer (an overlay upper
/// dir) against its image's layer dirs. A whiteout (char device 0/0) is a deletion; any other
/// entry is a modification when the image has the path (a directory a change sits in included),
/// an addition otherwise; under an opaque directory (<c>trusted.overlay.opaque=y</c>) the image's
/// contents are hidden, so everything there is added. Order: depth-first, each directory's
/// names in ordinal order (Docker's own order varies from call to call).
/// </summary>
public static class ChangeWalker
{
    /// <param name="upper">The container's writable layer.</param>
    /// <param name="lowers">The image's layer dirs, topmost first.</param>
    public static IReadOnlyList<FileChange> Walk(string upper, IReadOnlyList<string> lowers)
    {
        var changes = new List<FileChange>();
        if (Directory.Exists(upper))
            WalkDirectory(upper, "", lowers, hidden: false, changes);
        return changes;
    }

    private static void WalkDirectory(string directory, string prefix, IReadOnlyList<string> lowers, bool hidden, List<FileChange> changes)
    {
        var names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        foreach (string name in names!)
        {
            string path = Path.Combine(directory, name!);
            string inside = prefix + "/" + name;
            var status = FileSystem.LStat(path);
            if (status.IsWhiteout)
            {
                changes.Add(new FileChange(inside, ChangeKind.Deleted));
                continue;
            }
            bool inImage = !hidden && InLowers(lowers, inside);
            changes.Add(new FileChange(inside, inImage ? ChangeKind.Modified : ChangeKind.Added));
            if (status.Kind == FileKind.Directory)
                WalkDirectory(path, inside, lowers, hidden || !inImage || IsOpaque(path), changes);
        }
    }

    /// <summary>Whether the topmost layer that mentions the path has it (rather than a whiteout of it).</summary>
    private static bool InLowers(IReadOnlyList<string> lowers, string inside)
    {
        foreach (string lower in lowers)
        {
            var status = FileSystem.TryLStat(lower + inside);
            if (status is not null)
                return !status.IsWhiteout;
        }
        return false;
    }

    private static bool IsOpaque(string directory) =>
        FileSystem.GetXattr(directory, Whiteout.OpaqueXattr) is [(byte)'y'];
}
