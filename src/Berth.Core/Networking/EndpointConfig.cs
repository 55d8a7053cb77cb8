namespace Berth.Core.Networking;

/// <summary>
/// What a container asks of one network it is on (the Engine API's <c>EndpointSettings</c> as
/// given to create or <c>network connect</c>): <c>--network-alias</c>, <c>--ip</c>, <c>--ip6</c>,
/// <c>--mac-address</c>. Kept with the container, so it applies at every start.
/// </summary>
public sealed record EndpointConfig
{
    public IReadOnlyList<string> Aliases { get; set; } = [];
    /// <summary>A fixed address on the network's subnet; empty for the next free one.</summary>
    public string IPv4Address { get; set; } = "";
    /// <summary>A fixed IPv6 address (<c>--ip6</c>) on the network's IPv6 subnet; empty for the next free one.</summary>
    public string IPv6Address { get; set; } = "";
    /// <summary>A fixed MAC address for the interface; empty for a generated one.</summary>
    public string MacAddress { get; set; } = "";
    /// <summary><c>--link</c>s given for this network (NAME:ALIAS), shown by inspect as given.</summary>
    public IReadOnlyList<string> Links { get; set; } = [];
    /// <summary>The driver options given for the endpoint (<c>--network name=N,driver-opt=K=V</c>), shown by inspect.</summary>
    public IReadOnlyDictionary<string, string> DriverOpts { get; set; } = new Dictionary<string, string>();
    /// <summary>Link-local addresses asked for (<c>--link-local-ip</c>), shown by inspect.</summary>
    public IReadOnlyList<string> LinkLocalIPs { get; set; } = [];
}
