using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Tests.Fakes;

/// <summary>
/// An <see cref="ISnapshotter"/> that mounts nothing: layers and writable layers are plain
/// directories under a temp root, and it records what was asked of it. It passes the same
/// <c>SnapshotterContract</c> as the overlay snapshotter.
/// </summary>
internal sealed class InMemorySnapshotter(string root) : ISnapshotter
{
    public HashSet<string> Layers { get; } = [];
    public HashSet<string> Containers { get; } = [];
    public List<string> RemovedLayers { get; } = [];

    public string LayerDir(string chainId) => Path.Combine(root, "layers", chainId.Replace(':', '-'));

    public bool HasLayer(string chainId) => Layers.Contains(chainId);

    public string PrepareLayer()
    {
        string dir = Path.Combine(root, "tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "diff"));
        return dir;
    }

    public void CommitLayer(string prepared, string chainId)
    {
        if (Layers.Add(chainId))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LayerDir(chainId))!);
            Directory.Move(Path.Combine(prepared, "diff"), LayerDir(chainId));
        }
        Directory.Delete(prepared, recursive: true);
    }

    public void AbortLayer(string prepared)
    {
        if (Directory.Exists(prepared))
            Directory.Delete(prepared, recursive: true);
    }

    public void RemoveLayer(string chainId)
    {
        Layers.Remove(chainId);
        RemovedLayers.Add(chainId);
        if (Directory.Exists(LayerDir(chainId)))
            Directory.Delete(LayerDir(chainId), recursive: true);
    }

    public IReadOnlyList<string> ListLayers() => Layers.ToList();

    public IReadOnlyList<string> ListContainers() => Containers.ToList();

    public void CreateContainer(string id)
    {
        Containers.Add(id);
        Directory.CreateDirectory(UpperOf(id));
        Directory.CreateDirectory(RootfsOf(id));
    }

    public void RemoveContainer(string id)
    {
        Containers.Remove(id);
        if (Directory.Exists(Path.Combine(root, id)))
            Directory.Delete(Path.Combine(root, id), recursive: true);
    }

    public string RootfsOf(string id) => Path.Combine(root, id, "merged");

    public string UpperOf(string id) => Path.Combine(root, id, "diff");

    public Mount ContainerMount(string id, IReadOnlyList<string> chainIds, bool disposable = false) =>
        new("overlay", "overlay", ["lowerdir=" + string.Join(':', chainIds.Reverse().Select(LayerDir)), "upperdir=" + UpperOf(id)]);

    public Mount ContainerViewMount(string id, IReadOnlyList<string> chainIds) =>
        new("overlay", "overlay", ["ro", "lowerdir=" + string.Join(':', chainIds.Reverse().Select(LayerDir).Prepend(UpperOf(id)))]);

    public long Usage(string id) =>
        Directory.Exists(UpperOf(id)) ? new DirectoryInfo(UpperOf(id)).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
