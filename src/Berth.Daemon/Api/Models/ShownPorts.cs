using Berth.Core.Containers;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// A running container's published ports as Docker lists them. A port published without a host
/// address is forwarded from IPv4 and IPv6 alike, and Docker shows it twice, on <c>0.0.0.0</c>
/// and on <c>::</c>; one published on an explicit <c>0.0.0.0</c> it shows once. The allocator
/// records both as <c>0.0.0.0</c>, so the request (<c>PortBindings</c>, <c>-P</c>) tells them apart.
/// </summary>
internal static class ShownPorts
{
    public static IEnumerable<PublishedPort> Of(Container c)
    {
        IReadOnlyList<PortRequest>? requests = null;
        foreach (var p in c.State.Networks.SelectMany(a => a.Ports))
        {
            yield return p;
            if (p.HostIp != "0.0.0.0")
                continue;
            requests ??= PortRequest.From(c.HostConfig, c.Config);
            if (requests.Any(r => r.HostIp.Length == 0 && r.ContainerPort == p.ContainerPort && r.Protocol == p.Protocol
                                  && (r.HostPortLow == 0 || (p.HostPort >= r.HostPortLow && p.HostPort <= r.HostPortHigh))))
                yield return p with { HostIp = "::" };
        }
    }
}
