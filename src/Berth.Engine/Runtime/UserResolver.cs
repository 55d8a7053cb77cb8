using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// Turns Docker's <c>--user</c> (<c>name</c>, <c>uid</c>, <c>uid:gid</c>, <c>name:group</c>) into
/// numeric IDs using the container's own /etc/passwd and /etc/group, as Docker does.
/// </summary>
public static class UserResolver
{
    public sealed record Ids(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids);

    public static Ids Resolve(string rootfs, string user)
    {
        string userPart = user, groupPart = "";
        int colon = user.IndexOf(':');
        if (colon >= 0)
        {
            userPart = user[..colon];
            groupPart = user[(colon + 1)..];
        }
        var passwd = ReadDatabase(rootfs, "etc/passwd");
        var group = ReadDatabase(rootfs, "etc/group");

        uint uid = 0, gid = 0;
        string? userName = null;
        if (userPart.Length == 0)
            userName = "root";
        else if (uint.TryParse(userPart, out uid))
        {
            var entry = passwd.FirstOrDefault(p => p.Length > 3 && p[2] == userPart);
            if (entry is not null) { userName = entry[0]; gid = uint.Parse(entry[3]); }
        }
        else
        {
            var entry = passwd.FirstOrDefault(p => p.Length > 3 && p[0] == userPart)
                ?? throw BerthException.Invalid($"unable to find user {userPart}: no matching entries in passwd file");
            userName = entry[0];
            uid = uint.Parse(entry[2]);
            gid = uint.Parse(entry[3]);
        }

        if (groupPart.Length > 0 && !uint.TryParse(groupPart, out gid))
        {
            var entry = group.FirstOrDefault(g => g.Length > 2 && g[0] == groupPart)
                ?? throw BerthException.Invalid($"unable to find group {groupPart}: no matching entries in group file");
            gid = uint.Parse(entry[2]);
        }

        var additional = userName is null || groupPart.Length > 0
            ? []
            : group.Where(g => g.Length > 3 && g[3].Split(',').Contains(userName) && uint.TryParse(g[2], out _))
                   .Select(g => uint.Parse(g[2])).Where(g => g != gid).Distinct().ToList();
        return new Ids(uid, gid, additional);
    }

    /// <summary>A group by number or by name in the container's /etc/group (<c>--group-add</c>).</summary>
    public static uint ResolveGroup(string rootfs, string group)
    {
        if (uint.TryParse(group, out uint gid))
            return gid;
        var entry = ReadDatabase(rootfs, "etc/group").FirstOrDefault(g => g.Length > 2 && g[0] == group)
            ?? throw BerthException.Invalid($"Unable to find group {group}: no matching entries in group file");
        return uint.Parse(entry[2]);
    }

    // A database that is a symlink is ignored: following it would read the host's files.
    private static List<string[]> ReadDatabase(string rootfs, string relative)
    {
        string path = Path.Combine(rootfs, relative);
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
            return [];
        return File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':'))
            .ToList();
    }
}
