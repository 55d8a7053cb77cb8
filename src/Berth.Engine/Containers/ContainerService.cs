using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Core.Images;
using Berth.Core.Runtime;
using Berth.Core.Snapshots;
using Berth.Engine.Events;
using Berth.Engine.Metadata;
using Berth.Engine.Networking;
using Berth.Engine.Services;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

/// <summary>
/// Container lifecycle: create, start, stop, kill, wait, remove, logs. Split by aspect into
/// <c>ContainerService.*.cs</c>. Every state change goes through <see cref="Persist"/>: one
/// transaction, then waiters are woken.
/// </summary>
public sealed partial class ContainerService : IContainerFreezer
{
    private readonly ContainerCatalog _catalog;
    private readonly Logs.LogDefaults _logDefaults;
    private readonly ConcurrentDictionary<string, ContainerHandle> _containers;
    private readonly DaemonPaths _paths;
    private readonly MetadataStore _metadata;
    private readonly IImageStore _images;
    private readonly ISnapshotter _snapshots;
    private readonly IContainerRuntime _runtime;
    private readonly NetworkService _network;
    private readonly Volumes.VolumeService _volumes;
    private readonly EventLog _events;
    private readonly ILogger _log;

    public ContainerService(DaemonPaths paths, MetadataStore metadata, ContainerCatalog catalog, IImageStore images, ISnapshotter snapshots,
        IContainerRuntime runtime, NetworkService network, Volumes.VolumeService volumes, EventLog events, ILogger<ContainerService> log,
        Logs.LogDefaults? logDefaults = null)
    {
        _logDefaults = logDefaults ?? Logs.LogDefaults.Docker;
        _paths = paths;
        _metadata = metadata;
        _catalog = catalog;
        _containers = catalog.Handles;
        _images = images;
        _snapshots = snapshots;
        _runtime = runtime;
        _network = network;
        _volumes = volumes;
        _events = events;
        _log = log;
    }

    public IReadOnlyList<Container> List() => _catalog.List();

    public Container Get(string idOrName) => _catalog.Get(idOrName);

    private ContainerHandle Find(string idOrName) => _catalog.Find(idOrName);

    /// <summary>Publishes a container event with Docker's attributes: image, name, labels, and extras.</summary>
    private void Emit(Container c, string action, params (string Key, string Value)[] extra)
    {
        _events.Publish("container", action, c.Id, ContainerEvents.Attributes(c, extra));
    }

    /// <summary>
    /// Applies one change to a container's record: checked against the state machine, stored
    /// in one transaction, then waiters are woken. Serialised per container, so concurrent
    /// changes (an exit during a stop) never overwrite each other.
    /// </summary>
    private Container Update(ContainerHandle handle, Func<Container, Container> change, bool exited = false)
    {
        lock (handle)
        {
            Container next = change(handle.Current);
            ContainerStateMachine.EnsureCanMove(handle.Current.State.Status, next.State.Status);
            _metadata.UpdateContainer(next);
            handle.Set(next, exited);
            return next;
        }
    }
}
