namespace Berth.Core.Networking;

/// <summary>
/// A running container's place on one network: its namespace, interface, address and published ports.
/// Kept in the container's state while it runs, so a restarted daemon can tear it down.
/// </summary>
public sealed record NetworkAttachment
{
    /// <summary>The network's name (<c>bridge</c>).</summary>
    public required string Network { get; init; }
    /// <summary>The interface in the container's namespace: <c>eth0</c> for the first network, <c>eth1</c>... for those connected later.</summary>
    public string Interface { get; set; } = "eth0";
    /// <summary>The pinned network namespace the container joins (Docker's <c>SandboxKey</c>).</summary>
    public required string SandboxKey { get; init; }
    public required string IPAddress { get; init; }
    public required int IPPrefixLen { get; init; }
    public required string Gateway { get; init; }
    public required string MacAddress { get; init; }
    /// <summary>The IPv6 address on a network with IPv6 enabled; empty otherwise.</summary>
    public string GlobalIPv6Address { get; set; } = "";
    public int GlobalIPv6PrefixLen { get; init; }
    public string IPv6Gateway { get; set; } = "";
    public IReadOnlyList<PublishedPort> Ports { get; set; } = [];
}
