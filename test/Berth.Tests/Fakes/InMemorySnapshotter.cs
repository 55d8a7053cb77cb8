using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Tests.Fakes;

/// <summary>
/// An <see cref="ISnapshotter"/> that keeps names in sets; its directories live under a temp
/// root so that code writing into a prepared layer or reading a container's changes works.
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
        Layers.Add(chainId);
        Directory.Delete(prepared, recursive: true);
    }

    public void AbortLayer(string prepared) => Directory.Delete(prepared, recursive: true);

    public void RemoveLayer(string chainId)
    {
        Layers.Remove(chainId);
        RemovedLayers.Add(chainId);
    }

    public void CreateContainer(string id)
    {
        Containers.Add(id);
        Directory.CreateDirectory(UpperOf(id));
    }

    public void RemoveContainer(string id) => Containers.Remove(id);

    public string RootfsOf(string id) => Path.Combine(root, id, "merged");

    public string UpperOf(string id) => Path.Combine(root, id, "diff");

    public Mount ContainerMount(string id, IReadOnlyList<string> chainIds) => new("overlay", "overlay", [.. chainIds]);

    public long Usage(string id) => Containers.Contains(id) ? 42 : 0;
}
