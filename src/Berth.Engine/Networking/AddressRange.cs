using System.Net;
using System.Text.Json.Nodes;

namespace Berth.Engine.Networking;

/// <summary>
/// One address family of a bridge network as its addresses are handed out: the subnet and its
/// gateway, the part containers get addresses from (<c>--ip-range</c>, null for all), and
/// addresses that are never handed out (<c>--aux-address</c>).
/// </summary>
public sealed record AddressRange(IPNetwork Subnet, IPAddress Gateway, IPNetwork? Range = null, IReadOnlyList<IPAddress>? Reserved = null)
{
    /// <summary>
    /// The spans of addresses handed out, in order: the range (or the subnet's host addresses)
    /// cut around the reserved addresses, so none of them is ever given out.
    /// </summary>
    public IReadOnlyList<(UInt128 First, UInt128 Last)> Pieces()
    {
        var (first, last) = AddressMath.Hosts(Range ?? Subnet);
        var pieces = new List<(UInt128, UInt128)>();
        UInt128 start = first;
        foreach (var r in (Reserved ?? []).Select(AddressMath.ToNumber).Distinct().Order().Where(r => r >= first && r <= last))
        {
            if (r > start)
                pieces.Add((start, r - 1));
            if (r == last)
                return pieces;
            start = r + 1;
        }
        if (start <= last)
            pieces.Add((start, last));
        return pieces;
    }

    /// <summary>host-local's range set: one range per piece (<see cref="Pieces"/>), tried in order.</summary>
    public JsonArray ToRangeSet()
    {
        var family = Subnet.BaseAddress.AddressFamily;
        if (Range is null && (Reserved ?? []).Count == 0)
            return [(JsonNode)Piece(null)];
        return new JsonArray(Pieces().Select(p => (JsonNode)Piece(p)).ToArray());

        JsonObject Piece((UInt128 Start, UInt128 End)? span)
        {
            var piece = new JsonObject { ["subnet"] = Subnet.ToString(), ["gateway"] = Gateway.ToString() };
            if (span is var (s, e))
            {
                piece["rangeStart"] = AddressMath.FromNumber(s, family).ToString();
                piece["rangeEnd"] = AddressMath.FromNumber(e, family).ToString();
            }
            return piece;
        }
    }
}
