using System.Net;

namespace Berth.Linux.Networking;

/// <summary>An address on an interface with its subnet's prefix length (<c>172.30.0.2/16</c>).</summary>
public sealed record InterfaceAddress(IPAddress Address, int PrefixLength)
{
    public override string ToString() => $"{Address}/{PrefixLength}";
}
