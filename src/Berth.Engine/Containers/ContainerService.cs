using System.Collections.Concurrent;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Engine.Networking;
using Berth.Engine.Services;
using Berth.Engine.Snapshots.Overlay;
using Berth.Linux.Conmon;
using Berth.Linux.Runc;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Containers;

/// <summary>
/// Container lifecycle: create, start, stop, kill, wait, remove, logs. Split by aspect into
/// <c>ContainerService.*.cs</c>. Every state change goes through <see cref="Persist"/>: one
/// transaction, then waiters are woken.
/// </summary>
public sealed partial class ContainerService
{
    private readonly ConcurrentDictionary<string, ContainerHandle> _containers = new();
    private readonly DaemonPaths _paths;
    private readonly MetadataStore _metadata;
    private readonly ImageStore _images;
    private readonly OverlaySnapshotter _snapshots;
    private readonly RuncClient _runc;
    private readonly ConmonLauncher _conmon;
    private readonly NetworkService _network;
    private readonly EventLog _events;
    private readonly ILogger _log;

    public ContainerService(DaemonPaths paths, MetadataStore metadata, ImageStore images, OverlaySnapshotter snapshots,
        RuncClient runc, ConmonLauncher conmon, NetworkService network, EventLog events, ILogger<ContainerService> log)
    {
        _paths = paths;
        _metadata = metadata;
        _images = images;
        _snapshots = snapshots;
        _runc = runc;
        _conmon = conmon;
        _network = network;
        _network.RunningContainers = () => _containers.Values.Where(h => h.IsRunning).Select(h => h.Current);
        _events = events;
        _log = log;
        foreach (Container c in metadata.ListContainers())
            _containers[c.Id] = new ContainerHandle(c);
    }

    public IReadOnlyList<Container> List() => _containers.Values.Select(h => h.Current).OrderByDescending(c => c.Created).ToList();

    public Container Get(string idOrName) => Find(idOrName).Current;

    /// <summary>By full ID, then exact name, then unique ID prefix — Docker's order.</summary>
    private ContainerHandle Find(string idOrName)
    {
        if (_containers.TryGetValue(idOrName, out var exact))
            return exact;
        string name = idOrName.TrimStart('/');
        var byName = _containers.Values.FirstOrDefault(h => h.Current.Name == name);
        if (byName is not null)
            return byName;
        if (idOrName.Length > 0)
        {
            var matches = _containers.Values.Where(h => h.Current.Id.StartsWith(idOrName, StringComparison.Ordinal)).Take(2).ToList();
            if (matches.Count == 1)
                return matches[0];
            if (matches.Count > 1)
                throw BerthException.Invalid($"Multiple IDs found with provided prefix: {idOrName}");
        }
        throw BerthException.NotFound($"No such container: {idOrName}");
    }

    /// <summary>Publishes a container event with Docker's attributes: image, name, labels, and extras.</summary>
    private void Emit(Container c, string action, params (string Key, string Value)[] extra)
    {
        var attributes = new Dictionary<string, string>(c.Config.Labels ?? new Dictionary<string, string>()) { ["image"] = c.Config.Image, ["name"] = c.Name };
        foreach (var (key, value) in extra)
            attributes[key] = value;
        _events.Publish("container", action, c.Id, attributes);
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
