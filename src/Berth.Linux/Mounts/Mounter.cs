using Berth.Core.Mounts;
using Berth.Linux.Interop;

namespace Berth.Linux.Mounts;

/// <summary>Performs and undoes <see cref="Mount"/> records with mount(2) and umount2(2).</summary>
public static class Mounter
{
    public static void MountAt(Mount mount, string target)
    {
        ulong flags = 0;
        var data = new List<string>();
        foreach (string option in mount.Options)
        {
            switch (option)
            {
                case "ro": flags |= Libc.MS_RDONLY; break;
                case "nosuid": flags |= Libc.MS_NOSUID; break;
                case "nodev": flags |= Libc.MS_NODEV; break;
                case "bind": flags |= Libc.MS_BIND; break;
                case "rbind": flags |= Libc.MS_BIND | Libc.MS_REC; break;
                default: data.Add(option); break;
            }
        }
        string? fstype = mount.Type == "bind" ? null : mount.Type;
        if (Libc.Mount(mount.Source, target, fstype, flags, data.Count == 0 ? null : string.Join(',', data)) != 0)
            throw Errno.Exception("mount", target);
    }

    /// <summary>Unmounts <paramref name="target"/>; not being mounted is not an error.</summary>
    public static void Unmount(string target)
    {
        if (Libc.Umount2(target, Libc.MNT_DETACH) == 0)
            return;
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno is Errno.EINVAL or Errno.ENOENT)
            return;
        throw Errno.Exception("umount2", target);
    }

    /// <summary>
    /// True when <paramref name="path"/> is a mount point: statx's mount-root attribute (Linux
    /// 5.8+), else /proc/self/mountinfo. The kernel writes mountinfo out line by line for every
    /// mount of the namespace, and a start asked once per container, so its cost grew with the
    /// containers running.
    /// </summary>
    public static unsafe bool IsMounted(string path)
    {
        byte* b = stackalloc byte[Libc.StatxSize];
        if (Libc.Statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, 0, b) == 0)
        {
            if ((*(ulong*)(b + Libc.StatxAttributesMaskOffset) & Libc.STATX_ATTR_MOUNT_ROOT) != 0)
                return (*(ulong*)(b + Libc.StatxAttributesOffset) & Libc.STATX_ATTR_MOUNT_ROOT) != 0;
        }
        else if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is Errno.ENOENT or Errno.ENOTDIR)
        {
            return false;
        }
        return IsInMountInfo(path);
    }

    private static bool IsInMountInfo(string path)
    {
        string full = Path.GetFullPath(path).TrimEnd('/');
        foreach (string line in File.ReadLines("/proc/self/mountinfo"))
        {
            string[] fields = line.Split(' ', 6);
            if (fields.Length > 4 && Unescape(fields[4]) == full)
                return true;
        }
        return false;
    }

    /// <summary>Mount points under <paramref name="root"/>, deepest first, so they can be unmounted in order.</summary>
    public static IReadOnlyList<string> MountsUnder(string root)
    {
        string prefix = Path.GetFullPath(root).TrimEnd('/') + "/";
        var found = new List<string>();
        foreach (string line in File.ReadLines("/proc/self/mountinfo"))
        {
            string[] fields = line.Split(' ', 6);
            if (fields.Length > 4)
            {
                string point = Unescape(fields[4]);
                if (point.StartsWith(prefix, StringComparison.Ordinal))
                    found.Add(point);
            }
        }
        found.Sort((a, b) => b.Length.CompareTo(a.Length));
        return found;
    }

    // mountinfo escapes space, tab, newline and backslash as octal.
    private static string Unescape(string field) =>
        field.Contains('\\')
            ? System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString())
            : field;
}
