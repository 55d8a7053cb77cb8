using Berth.Core.Containers;
using Berth.Core.Errors;

namespace Berth.Tests.Fakes;

/// <summary>An <see cref="IContainerCatalog"/> over a list the test fills.</summary>
internal sealed class FakeContainerCatalog : IContainerCatalog
{
    public List<Container> Containers { get; } = [];

    public IReadOnlyList<Container> List() => Containers.OrderByDescending(c => c.Created).ToList();

    public Container Get(string idOrName) =>
        Containers.FirstOrDefault(c => c.Id == idOrName || c.Name == idOrName.TrimStart('/'))
        ?? throw BerthException.NotFound($"No such container: {idOrName}");

    public IReadOnlyList<Container> Running() =>
        Containers.Where(c => c.State.Status is ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting).ToList();

    public IReadOnlyList<Container> UsingImage(string imageId) => List().Where(c => c.ImageId == imageId).ToList();
}
