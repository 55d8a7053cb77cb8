using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private static readonly (string Type, string ProcName, Func<HostConfig, string> Mode)[] s_sharable =
    [
        ("pid", "pid", h => h.PidMode),
        ("ipc", "ipc", h => h.IpcMode),
        ("uts", "uts", h => h.UTSMode),
        ("network", "net", h => h.NetworkMode),
    ];

    /// <summary>
    /// <c>--pid</c>, <c>--ipc</c>, <c>--uts</c>, <c>--network</c> set to <c>host</c> or
    /// <c>container:NAME</c>: the namespaces to share, for the spec. The other container must run.
    /// </summary>
    private IReadOnlyDictionary<string, string> SharedNamespaces(Container c)
    {
        var shared = new Dictionary<string, string>();
        foreach (var (type, procName, mode) in s_sharable)
        {
            string value = mode(c.HostConfig);
            if (value == "host" && type != "network")
                shared[type] = "host";
            else if (value.StartsWith("container:", StringComparison.Ordinal))
            {
                var other = Get(value["container:".Length..]);
                if (other.State.Status != ContainerStatus.Running)
                    throw BerthException.Conflict($"cannot join {type} namespace of a non running container: container {other.Id} is {other.State.Status.ToString().ToLowerInvariant()}");
                shared[type] = $"/proc/{other.State.Pid}/ns/{procName}";
            }
        }
        return shared;
    }

    private static void ValidateNamespaceModes(HostConfig host)
    {
        foreach (var (type, _, mode) in s_sharable.Where(s => s.Type != "network"))
        {
            string value = mode(host);
            if (value is not ("" or "host" or "private" or "shareable") && !value.StartsWith("container:", StringComparison.Ordinal))
                throw BerthException.Invalid($"invalid {type.ToUpperInvariant()} mode: {value}");
        }
    }
}
