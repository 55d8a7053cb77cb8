namespace Berth.Core.Containers;

/// <summary>One host side of a <c>-p</c>: an address ("" for all) and a port ("" for any free one).</summary>
public sealed record PortBinding
{
    public string HostIp { get; set; } = "";
    public string HostPort { get; set; } = "";
}
