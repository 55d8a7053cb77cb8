namespace Berth.Core.Networking;

/// <summary>A user-defined network (<c>docker network create</c>): a Linux bridge, its subnet and settings.</summary>
public sealed record NetworkDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Driver { get; set; } = "bridge";
    /// <summary>The Linux bridge's name: <c>br-</c> and the ID's first 12 characters, or <c>com.docker.network.bridge.name</c>.</summary>
    public required string Bridge { get; init; }
    public required string Subnet { get; init; }
    public required string Gateway { get; init; }
    public string IPRange { get; set; } = "";
    /// <summary>Whether inspect shows <see cref="Gateway"/>: Docker shows it when given or when the subnet came from the pools, not for a subnet given alone.</summary>
    public bool GatewayShown { get; set; } = true;
    /// <summary>Addresses of the IPv4 subnet reserved by name (<c>--aux-address</c>): never handed out.</summary>
    public Dictionary<string, string> AuxiliaryAddresses { get; set; } = [];
    /// <summary>Containers get an address of <see cref="IPv6"/> too (<c>--ipv6</c>).</summary>
    public bool EnableIPv6 { get; init; }
    /// <summary>The IPv6 IPAM config given; kept and shown even without <see cref="EnableIPv6"/>, as Docker keeps it. Null for none.</summary>
    public IpamConfig? IPv6 { get; init; }
    /// <summary>No masquerade and no traffic in or out of the bridge: containers reach only each other.</summary>
    public bool Internal { get; init; }
    /// <summary>Kept and shown as asked (<c>--attachable</c>; docker-compose asks for it): every local network takes containers anyway.</summary>
    public bool Attachable { get; init; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public Dictionary<string, string> Options { get; set; } = [];
    public DateTime Created { get; init; }
}
