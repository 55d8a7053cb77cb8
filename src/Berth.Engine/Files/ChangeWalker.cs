using Berth.Core.Containers;
using Berth.Engine.Archive;
using Berth.Linux.Files;

namespace Berth.Engine.Files;

/// <summary>
/// <c>docker diff</c>: a container's changes read from its writable layer (an overlay upper
/// dir) against its image's layer dirs. A whiteout (char device 0/0) is a deletion; any other
/// entry is a modification when the image has the path, an addition otherwise; under an opaque
/// directory (<c>trusted.overlay.opaque=y</c>) the image's contents are hidden, so everything
/// there is added. A directory of the image shows only when something in it changed or its
/// mode or owner did: overlay copies a directory up for the sake of its children.
/// The mount targets the engine itself makes at start (Docker keeps them in an "init" layer
/// under the container's, so its diff never shows them) are left out.
/// Order: depth-first, each directory's names in ordinal order (Docker's own order varies
/// from call to call).
/// </summary>
public static class ChangeWalker
{
    /// <summary>What the start path creates in every container (Docker's init layer): never a change of the user's.</summary>
    public static readonly IReadOnlySet<string> EngineMade = new HashSet<string>(StringComparer.Ordinal)
    {
        "/.dockerenv", "/dev", "/dev/pts", "/dev/shm", "/dev/console", "/dev/mqueue", "/proc", "/sys",
        "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab",
    };

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
            bool engineMade = EngineMade.Contains(inside);
            var lower = hidden ? null : InLowers(lowers, inside);
            if (status.Kind != FileKind.Directory)
            {
                if (!engineMade)
                    changes.Add(new FileChange(inside, lower is null ? ChangeKind.Added : ChangeKind.Modified));
                continue;
            }
            if (lower is null && !engineMade)
            {
                changes.Add(new FileChange(inside, ChangeKind.Added));
                WalkDirectory(path, inside, lowers, hidden: true, changes);
                continue;
            }
            var below = new List<FileChange>();
            bool opaque = IsOpaque(path);
            WalkDirectory(path, inside, lowers, hidden || lower is null || opaque, below);
            bool own = lower is not null && !engineMade && (opaque ||
                lower.Kind != FileKind.Directory || lower.Permissions != status.Permissions || lower.Uid != status.Uid || lower.Gid != status.Gid);
            if (own || below.Count > 0)
                changes.Add(new FileChange(inside, ChangeKind.Modified));
            changes.AddRange(below);
        }
    }

    /// <summary>The path in the topmost layer that mentions it, or null when none has it (or that layer whites it out).</summary>
    private static FileStatus? InLowers(IReadOnlyList<string> lowers, string inside)
    {
        foreach (string lower in lowers)
        {
            var status = FileSystem.TryLStat(lower + inside);
            if (status is not null)
                return status.IsWhiteout ? null : status;
        }
        return null;
    }

    private static bool IsOpaque(string directory) =>
        FileSystem.GetXattr(directory, Whiteout.OpaqueXattr) is [(byte)'y'];
}
