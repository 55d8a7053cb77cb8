using System.Net;
using System.Text.Json.Nodes;

namespace Berth.Engine.Networking;

/// <summary>
/// One address family of a bridge network as host-local hands it out: the subnet and its
/// gateway, the part containers get addresses from (<c>--ip-range</c>, null for all), and
/// addresses that are never handed out (<c>--aux-address</c>).
/// </summary>
public sealed record AddressRange(IPNetwork Subnet, IPAddress Gateway, IPNetwork? Range = null, IReadOnlyList<IPAddress>? Reserved = null)
{
    /// <summary>
    /// host-local's range set: one range, or, around reserved addresses, the pieces between
    /// them; host-local tries a set's ranges in order, so none of them is ever given out.
    /// </summary>
    public JsonArray ToRangeSet()
    {
        var family = Subnet.BaseAddress.AddressFamily;
        var reserved = (Reserved ?? []).Select(AddressMath.ToNumber).Distinct().Order().ToList();
        if (Range is null && reserved.Count == 0)
            return [Piece(null)];
        var (first, last) = AddressMath.Hosts(Range ?? Subnet);
        var set = new JsonArray();
        UInt128 start = first;
        bool done = false;
        foreach (var r in reserved.Where(r => r >= first && r <= last))
        {
            if (r > start)
                set.Add(Piece((start, r - 1)));
            if (r == last)
            {
                done = true;
                break;
            }
            start = r + 1;
        }
        if (!done && start <= last)
            set.Add(Piece((start, last)));
        return set;

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
