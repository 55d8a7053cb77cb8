using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Metadata;

namespace Berth.Engine.Containers;

/// <summary>
/// The containers in memory, loaded from the metadata store at startup: the one table the
/// <see cref="ContainerService"/> changes and everyone else reads through
/// <see cref="IContainerCatalog"/>. Its own class so that the network service can ask about
/// containers without depending on the container service, which depends on it.
/// </summary>
public sealed class ContainerCatalog : IContainerCatalog
{
    public ContainerCatalog(MetadataStore metadata)
    {
        foreach (Container c in metadata.ListContainers())
            Handles[c.Id] = new ContainerHandle(c);
    }

    /// <summary>By container ID; the container service adds and removes entries.</summary>
    internal ConcurrentDictionary<string, ContainerHandle> Handles { get; } = new();

    public IReadOnlyList<Container> List() => Handles.Values.Select(h => h.Current).OrderByDescending(c => c.Created).ToList();

    public Container Get(string idOrName) => Find(idOrName).Current;

    public IReadOnlyList<Container> Running() => Handles.Values.Where(h => h.IsRunning).Select(h => h.Current).ToList();

    public IReadOnlyList<Container> UsingImage(string imageId) => List().Where(c => c.ImageId == imageId).ToList();

    /// <summary>By full ID, then exact name, then unique ID prefix — Docker's order.</summary>
    internal ContainerHandle Find(string idOrName)
    {
        if (Handles.TryGetValue(idOrName, out var exact))
            return exact;
        string name = idOrName.TrimStart('/');
        var byName = Handles.Values.FirstOrDefault(h => h.Current.Name == name);
        if (byName is not null)
            return byName;
        if (idOrName.Length > 0)
        {
            var matches = Handles.Values.Where(h => h.Current.Id.StartsWith(idOrName, StringComparison.Ordinal)).Take(2).ToList();
            if (matches.Count == 1)
                return matches[0];
            if (matches.Count > 1)
                throw BerthException.Invalid($"Multiple IDs found with provided prefix: {idOrName}");
        }
        throw BerthException.NotFound($"No such container: {idOrName}");
    }
}
