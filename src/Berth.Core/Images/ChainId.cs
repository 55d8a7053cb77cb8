using System.Text;

namespace Berth.Core.Images;

/// <summary>ChainID(L0) = DiffID(L0); ChainID(L0..Ln) = sha256(ChainID(L0..Ln-1) + " " + DiffID(Ln)).</summary>
public static class ChainId
{
    public static IReadOnlyList<string> For(IReadOnlyList<string> diffIds)
    {
        var chain = new List<string>(diffIds.Count);
        foreach (string diff in diffIds)
            chain.Add(chain.Count == 0 ? diff : Next(chain[^1], diff));
        return chain;
    }

    public static string Next(string parent, string diffId) =>
        Digest.FromBytes(Encoding.ASCII.GetBytes(parent + " " + diffId));
}
