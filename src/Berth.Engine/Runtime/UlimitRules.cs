using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Runtime;

/// <summary>
/// <c>--ulimit</c>s as Docker's go-units accepts them: a known rlimit name and a soft limit
/// no greater than the hard one, both non-negative. Checked at create, so a bad one is the
/// client's 400 rather than runc's failure at start.
/// </summary>
public static class UlimitRules
{
    private static readonly HashSet<string> s_names =
    [
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
        "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack",
    ];

    public static void Validate(IReadOnlyList<Ulimit>? ulimits)
    {
        foreach (var u in ulimits ?? [])
        {
            if (!s_names.Contains(u.Name ?? ""))
                throw BerthException.Invalid($"invalid ulimit type: {u.Name}");
            if (u.Soft < 0 || u.Hard < 0)
                throw BerthException.Invalid($"invalid ulimit argument: {u.Name}={u.Soft}:{u.Hard}");
            if (u.Soft > u.Hard)
                throw BerthException.Invalid($"ulimit soft limit must be less than or equal to hard limit: {u.Soft} > {u.Hard}");
        }
    }
}
