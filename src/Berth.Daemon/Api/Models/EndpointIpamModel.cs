namespace Berth.Daemon.Api.Models;

/// <summary><c>EndpointSettings.IPAMConfig</c>: the fixed address asked for (<c>--ip</c>); IPv6 and link-local ones are not supported.</summary>
internal sealed class EndpointIpamModel
{
    public string? IPv4Address { get; init; }
    public IReadOnlyList<string?>? LinkLocalIPs { get; init; }
}
