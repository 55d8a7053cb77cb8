using Berth.Core.Containers;

namespace Berth.Engine.Files;

/// <summary>
/// Where a container path lives from the host side: inside the volume or bind mounted over it
/// (the deepest mount point whose destination holds the path), else in the rootfs. Volumes are
/// mounted only in the container's mount namespace, so cp reaches them through their host
/// source, the rest of the path resolved inside that source as its root. tmpfs mounts have no
/// host source and are not reached.
/// </summary>
public sealed record MountedPath(string Root, string Relative, MountPoint? Mount)
{
    public static MountedPath Of(Container c, string rootfs, string path)
    {
        string clean = "/" + string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."));
        MountPoint? best = null;
        foreach (var m in c.Mounts)
        {
            if (m.Source.Length == 0 || m.Type == "tmpfs")
                continue;
            string dest = "/" + m.Destination.Trim('/');
            bool under = clean == dest || clean.StartsWith(dest == "/" ? "/" : dest + "/", StringComparison.Ordinal);
            if (under && (best is null || dest.Length > best.Destination.TrimEnd('/').Length))
                best = m;
        }
        if (best is null)
            return new MountedPath(rootfs, clean.Trim('/'), null);
        string rest = clean[("/" + best.Destination.Trim('/')).Length..];
        return new MountedPath(best.Source, rest.Trim('/'), best);
    }
}
