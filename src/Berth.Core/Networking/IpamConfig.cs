namespace Berth.Core.Networking;

/// <summary>One subnet of a network as <c>network create</c> gave it (an Engine API <c>IPAM.Config</c> entry); empty strings for what was not given.</summary>
public sealed record IpamConfig
{
    public required string Subnet { get; init; }
    /// <summary>Empty when not given: the subnet's first address serves, and inspect shows none, as Docker's.</summary>
    public string Gateway { get; set; } = "";
    public string IPRange { get; set; } = "";
    public Dictionary<string, string> AuxiliaryAddresses { get; set; } = [];
}
