using Berth.Core.Containers;
using Berth.Core.Networking;

namespace Berth.Engine.Networking;

public sealed partial class NetworkService
{
    /// <summary>When the predefined networks came to be: with the data root, as Docker's do with its daemon.</summary>
    public DateTime PredefinedCreated => Directory.GetCreationTimeUtc(_paths.DataRoot);

    /// <summary>The containers with an interface on <paramref name="network"/> (by name), as network inspect lists them.</summary>
    public IReadOnlyList<(Container Container, NetworkAttachment Attachment)> AttachedTo(string network) =>
        _containers.List().SelectMany(c => c.State.Networks.Where(a => a.Network == network).Select(a => (c, a))).ToList();

    /// <summary>
    /// <c>docker network prune</c>: removes every user-defined network no running container is
    /// on that <paramref name="matches"/> accepts; returns their names.
    /// </summary>
    public async Task<IReadOnlyList<string>> PruneAsync(Func<NetworkDefinition, bool> matches, CancellationToken ct)
    {
        var deleted = new List<string>();
        var inUse = _containers.Running().SelectMany(c => c.State.Networks.Select(a => a.Network)).ToHashSet();
        foreach (var n in UserNetworks().Where(n => !inUse.Contains(n.Name) && matches(n)))
        {
            await RemoveNetworkAsync(n.Id, ct);
            deleted.Add(n.Name);
        }
        return deleted;
    }
}
