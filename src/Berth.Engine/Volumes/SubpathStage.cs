using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Linux.Files;
using Berth.Linux.Mounts;

namespace Berth.Engine.Volumes;

/// <summary>
/// Where a container's <c>volume-subpath</c> mounts wait for runc: each subpath is opened inside
/// the volume's data (openat2 <c>RESOLVE_IN_ROOT</c>) and that very directory is bind-mounted by
/// its fd (<c>/proc/self/fd/N</c>) onto <c>&lt;stage&gt;/&lt;container&gt;/&lt;n&gt;</c>, a path
/// only root writes. runc mounts the staged path, so a container that swaps a directory of the
/// subpath for a symlink between the check and runc's mount still gets the directory that was
/// checked, never what the symlink names. Released when the container stops.
/// </summary>
public sealed class SubpathStage(string directory)
{
    /// <summary>The staged mount of <paramref name="subpath"/> inside <paramref name="data"/> for the container's <paramref name="index"/>th mount.</summary>
    public string Stage(string containerId, int index, string data, string subpath)
    {
        using var dir = RootedDirectory.TryOpen(data, subpath)
            ?? throw BerthException.Invalid($"cannot access path {Path.Combine(data, subpath)}: no such directory in the volume");
        string target = Path.Combine(directory, containerId, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(target);
        Mounter.Unmount(target); // a stage a crash left behind
        Mounter.MountAt(new Mount("bind", dir.Path, ["rbind"]), target);
        return target;
    }

    /// <summary>Unmounts and removes the container's staged mounts (none is fine).</summary>
    public void Release(string containerId)
    {
        string mine = Path.Combine(directory, containerId);
        if (!Directory.Exists(mine))
            return;
        foreach (string staged in Directory.EnumerateDirectories(mine))
        {
            Mounter.Unmount(staged);
            Directory.Delete(staged);
        }
        Directory.Delete(mine);
    }

    /// <summary>After a restart: the stages of containers that are not running any more.</summary>
    public void ReleaseAllBut(IReadOnlySet<string> running)
    {
        if (!Directory.Exists(directory))
            return;
        foreach (string stale in Directory.EnumerateDirectories(directory))
        {
            if (!running.Contains(Path.GetFileName(stale)))
                Release(Path.GetFileName(stale));
        }
    }
}
