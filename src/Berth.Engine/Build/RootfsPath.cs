using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Engine.Build;

/// <summary>
/// A path inside a mounted rootfs, symlinks followed as the container would see them: an
/// absolute link target restarts at the rootfs, <c>..</c> never climbs above it (moby's
/// <c>FollowSymlinkInScope</c>). The last component is followed too unless <c>followLast</c> is false.
/// </summary>
internal static class RootfsPath
{
    public static string Resolve(string rootfs, string path, bool followLast = true)
    {
        var pending = new Stack<string>(Enumerable.Reverse(path.Split('/', StringSplitOptions.RemoveEmptyEntries)));
        var resolved = new List<string>();
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            string candidate = Path.Combine(rootfs, string.Join('/', [.. resolved, part]));
            var status = FileSystem.TryLStat(candidate);
            if (status?.Kind == FileKind.Symlink && (followLast || pending.Count > 0))
            {
                if (++links > 40)
                    throw BerthException.Invalid($"too many levels of symbolic links: {path}");
                string target = new FileInfo(candidate).LinkTarget ?? "";
                if (target.StartsWith('/'))
                    resolved.Clear();
                foreach (string t in Enumerable.Reverse(target.Split('/', StringSplitOptions.RemoveEmptyEntries)))
                    pending.Push(t);
                continue;
            }
            resolved.Add(part);
        }
        return Path.Combine(rootfs, string.Join('/', resolved));
    }
}
