namespace Berth.Daemon.Api.Models;

/// <summary><c>EndpointSettings.IPAMConfig</c>: the fixed addresses asked for (<c>--ip</c>, <c>--ip6</c>) and the link-local ones, kept for inspect.</summary>
internal sealed class EndpointIpamModel
{
    public string? IPv4Address { get; init; }
    public string? IPv6Address { get; init; }
    public IReadOnlyList<string?>? LinkLocalIPs { get; init; }
}
