using Berth.Linux.Interop;

namespace Berth.Linux.Files;

/// <summary>File ownership by name, from /etc/group.</summary>
public static class Ownership
{
    /// <summary>Gives <paramref name="path"/> to group <paramref name="group"/> if that group exists.</summary>
    public static bool TrySetGroup(string path, string group)
    {
        if (!File.Exists("/etc/group"))
            return false;
        foreach (string line in File.ReadLines("/etc/group"))
        {
            string[] fields = line.Split(':');
            if (fields.Length > 2 && fields[0] == group && int.TryParse(fields[2], out int gid))
                return Libc.Chown(path, -1, gid) == 0;
        }
        return false;
    }
}
