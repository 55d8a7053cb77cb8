using Berth.Core.Containers;
using Berth.Core.Images;
using Berth.Engine.Containers;
using Berth.Engine.Events;
using Berth.Engine.Metadata;
using Berth.Engine.Networking;
using Berth.Engine.Services;
using Berth.Engine.Volumes;
using Berth.Linux.Cni;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Tests.Fakes;

/// <summary>
/// The engine's services over a temp directory, with fakes for what needs root (snapshots,
/// runtime): a real SQLite store, event log and catalog, so tests see what berthd would.
/// </summary>
internal sealed class EngineParts : IDisposable
{
    private readonly TempDir _dir = new();

    public EngineParts(params Container[] stored)
    {
        Paths = new DaemonPaths(_dir["data"], _dir["exec"]);
        Paths.Create();
        Metadata = new MetadataStore(Paths.Database);
        foreach (var c in stored)
            Metadata.InsertContainer(c);
        Events = new EventLog(Metadata);
        Catalog = new ContainerCatalog(Metadata);
        Snapshots = new InMemorySnapshotter(_dir["overlay"]);
        Network = new NetworkService(Paths, BridgeConfig.Parse(BridgeConfig.DefaultBridge, BridgeConfig.DefaultBip), AddressPools.Default,
            new CniPlugin(_dir["cni"]), new PortAllocator(), Metadata, Catalog, Events, NullLogger<NetworkService>.Instance);
        Volumes = new VolumeService(Metadata, new LocalVolumeDriver(Paths.Volumes), Catalog, Events, new SubpathStage(Paths.Subpaths));
        Containers = new ContainerService(Paths, Metadata, Catalog, Images, Snapshots, Runtime, Network, Volumes, Events, NullLogger<ContainerService>.Instance);
    }

    public DaemonPaths Paths { get; }
    public MetadataStore Metadata { get; }
    public EventLog Events { get; }
    public ContainerCatalog Catalog { get; }
    public FakeImageStore Images { get; } = new();
    public InMemorySnapshotter Snapshots { get; }
    public RecordingRuntime Runtime { get; } = new();
    public NetworkService Network { get; }
    public VolumeService Volumes { get; }
    public ContainerService Containers { get; }

    public static readonly Image Busybox = new()
    {
        Id = "sha256:" + new string('b', 64),
        Config = """{"config":{"Cmd":["sh"],"Env":["PATH=/bin"]},"rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray(),
        DiffIds = [],
        Created = DateTime.UtcNow,
        Size = 0,
        Tags = ["docker.io/library/busybox:latest"],
    };

    /// <summary>A container record as the store keeps it, in the given state.</summary>
    public static Container Stored(string id, string name, ContainerStatus status) => new()
    {
        Id = id.PadRight(64, '0'), Name = name, Created = DateTime.UtcNow, ImageId = Busybox.Id,
        Config = new ContainerConfig { Image = "busybox", Cmd = ["sh"] }, HostConfig = new HostConfig { NetworkMode = "none" },
        Path = "sh", Args = [],
        State = new ContainerState { Status = status, Pid = status == ContainerStatus.Running ? 4242 : 0 },
    };

    /// <summary>The events published so far, oldest first, as "type action".</summary>
    public IReadOnlyList<string> PublishedEvents() =>
        Metadata.ReadEvents(0, long.MaxValue).Select(e => e.Type + " " + e.Action).ToList();

    public void Dispose()
    {
        Metadata.Dispose();
        _dir.Dispose();
    }
}
