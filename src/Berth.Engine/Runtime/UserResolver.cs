using System.Text;
using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Engine.Runtime;

/// <summary>
/// Turns Docker's <c>--user</c> (<c>name</c>, <c>uid</c>, <c>uid:gid</c>, <c>name:group</c>) into
/// numeric IDs using the container's own /etc/passwd and /etc/group, as Docker does.
/// The files are the container's to shape: they are read through <see cref="RootedFile"/>
/// (resolved inside the root, regular files of at most 1 MiB); anything else fails the lookup
/// with Docker's <c>unable to find user ...</c> rather than block or read the host's files.
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
        List<string[]> passwd, group;
        try
        {
            passwd = ReadDatabase(rootfs, "etc/passwd");
            group = ReadDatabase(rootfs, "etc/group");
        }
        catch (BerthException e)
        {
            throw BerthException.Invalid($"unable to find user {userPart}: {e.Message}");
        }

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

        // The primary group is a supplementary one too, as in dockerd's specs: a process that
        // drops to another gid keeps its access through the group list, and `id` shows it there.
        IEnumerable<uint> member = userName is null || groupPart.Length > 0
            ? []
            : group.Where(g => g.Length > 3 && g[3].Split(',').Contains(userName) && uint.TryParse(g[2], out _))
                   .Select(g => uint.Parse(g[2]));
        return new Ids(uid, gid, member.Prepend(gid).Distinct().ToList());
    }

    /// <summary>
    /// The IDs a container's process (or an exec's) runs with: <paramref name="user"/> resolved,
    /// then the container's <c>--group-add</c> groups, which apply to every user it runs as.
    /// </summary>
    public static Ids ForProcess(string rootfs, string user, IReadOnlyList<string>? groupAdd)
    {
        var ids = Resolve(rootfs, user);
        if (groupAdd is not { Count: > 0 })
            return ids;
        return ids with { AdditionalGids = ids.AdditionalGids.Concat(groupAdd.Select(g => ResolveGroup(rootfs, g))).Distinct().ToList() };
    }

    /// <summary>A group by number or by name in the container's /etc/group (<c>--group-add</c>).</summary>
    public static uint ResolveGroup(string rootfs, string group)
    {
        if (uint.TryParse(group, out uint gid))
            return gid;
        List<string[]> database;
        try
        {
            database = ReadDatabase(rootfs, "etc/group");
        }
        catch (BerthException e)
        {
            throw BerthException.Invalid($"Unable to find group {group}: {e.Message}");
        }
        var entry = database.FirstOrDefault(g => g.Length > 2 && g[0] == group)
            ?? throw BerthException.Invalid($"Unable to find group {group}: no matching entries in group file");
        return uint.Parse(entry[2]);
    }

    // A missing database has no entries, as for Docker.
    private static List<string[]> ReadDatabase(string rootfs, string relative)
    {
        byte[]? bytes = RootedFile.TryReadAll(rootfs, relative);
        if (bytes is null)
            return [];
        return Encoding.UTF8.GetString(bytes).Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':'))
            .ToList();
    }
}
