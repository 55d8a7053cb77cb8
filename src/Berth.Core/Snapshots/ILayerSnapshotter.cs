namespace Berth.Core.Snapshots;

/// <summary>
/// Read-only image layers, named by chain ID: what unpacking (pull, load, import, commit,
/// build) needs. A layer is unpacked into a prepared directory and becomes visible under its
/// chain ID only when committed whole.
/// </summary>
public interface ILayerSnapshotter
{
    /// <summary>The directory holding a committed layer's files.</summary>
    string LayerDir(string chainId);

    bool HasLayer(string chainId);

    /// <summary>A fresh directory to unpack a layer into (its <c>diff/</c>), later committed or aborted.</summary>
    string PrepareLayer();

    /// <summary>Makes a prepared layer the layer <paramref name="chainId"/>; a layer already there wins.</summary>
    void CommitLayer(string prepared, string chainId);

    void AbortLayer(string prepared);

    void RemoveLayer(string chainId);

    /// <summary>The chain IDs of the committed layers on disk, whatever references them (for garbage collection).</summary>
    IReadOnlyList<string> ListLayers();
}
