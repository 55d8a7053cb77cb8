using System.Security.Cryptography;
using System.Text;

namespace Berth.Engine.Networking;

/// <summary>The networks every daemon has, as Docker's: <c>bridge</c>, <c>host</c>, <c>none</c>.</summary>
public static class PredefinedNetworks
{
    public sealed record Network(string Name, string Id, string Driver);

    public static IReadOnlyList<Network> All { get; } =
    [
        new("bridge", IdOf("bridge"), "bridge"),
        new("host", IdOf("host"), "host"),
        new("none", IdOf("none"), "null"),
    ];

    /// <summary>Stable IDs, so scripts that saved one still find the network after a restart.</summary>
    public static string IdOf(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("berth-network:" + name)));

    public static Network? Find(string nameOrId) =>
        All.FirstOrDefault(n => n.Name == nameOrId || n.Id == nameOrId)
        ?? (nameOrId.Length >= 1 ? All.Where(n => n.Id.StartsWith(nameOrId, StringComparison.Ordinal)).Take(2).ToList() is [var one] ? one : null : null);
}
