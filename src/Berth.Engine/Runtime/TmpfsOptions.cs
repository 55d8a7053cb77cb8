using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// The mount options of a <c>--tmpfs</c> mount as Docker merges them: its defaults
/// (noexec, nosuid, nodev) first, then the user's; for each flag pair (exec/noexec, ro/rw…)
/// and each <c>key=value</c> the last one wins. Unknown options are refused.
/// </summary>
public static class TmpfsOptions
{
    // Options that set or clear the same mount flag share a group: one of each survives.
    private static readonly Dictionary<string, string> FlagGroups = new()
    {
        ["ro"] = "rdonly", ["rw"] = "rdonly", ["exec"] = "noexec", ["noexec"] = "noexec",
        ["suid"] = "nosuid", ["nosuid"] = "nosuid", ["dev"] = "nodev", ["nodev"] = "nodev",
        ["sync"] = "sync", ["async"] = "sync", ["dirsync"] = "dirsync",
        ["atime"] = "noatime", ["noatime"] = "noatime", ["diratime"] = "nodiratime", ["nodiratime"] = "nodiratime",
        ["relatime"] = "relatime", ["norelatime"] = "relatime", ["strictatime"] = "strictatime", ["nostrictatime"] = "strictatime",
        ["mand"] = "mand", ["nomand"] = "mand",
        ["private"] = "propagation", ["rprivate"] = "propagation", ["shared"] = "propagation", ["rshared"] = "propagation",
        ["slave"] = "propagation", ["rslave"] = "propagation", ["unbindable"] = "propagation", ["runbindable"] = "propagation",
    };

    private static readonly HashSet<string> DataKeys = ["size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol"];

    public static List<string> Merge(string userOptions)
    {
        var options = new List<string> { "noexec", "nosuid", "nodev", "rprivate" };
        if (userOptions.Length > 0)
            options.AddRange(userOptions.Split(','));
        var seen = new HashSet<string>();
        var merged = new List<string>();
        for (int i = options.Count - 1; i >= 0; i--)
        {
            string option = options[i];
            if (option == "defaults")
                continue;
            string key = FlagGroups.TryGetValue(option, out var group) ? group
                : option.Split('=', 2) is [var name, _] && DataKeys.Contains(name) ? name + "="
                : throw BerthException.Invalid($"invalid tmpfs option [\"{option}\"]");
            if (seen.Add(key))
                merged.Insert(0, option);
        }
        return merged;
    }
}
