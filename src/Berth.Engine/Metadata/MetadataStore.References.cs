namespace Berth.Engine.Metadata;

/// <summary>What the store's rows keep alive on disk, read in one go for the garbage collector.</summary>
/// <param name="Blobs">Digests of blobs some row names: image configs, layer blobs, the compressed blobs of live layers.</param>
/// <param name="Layers">Chain IDs of the layers images are made of.</param>
/// <param name="Containers">IDs of every container, whatever its state (each owns a writable layer).</param>
public sealed record StoreReferences(IReadOnlySet<string> Blobs, IReadOnlySet<string> Layers, IReadOnlySet<string> Containers);

public sealed partial class MetadataStore
{
    /// <summary>
    /// Forgets the compressed blobs recorded for DiffIDs no layer has any more (the image was
    /// removed), so the collector can take their blobs and a later push does not name a blob
    /// that is gone. Only while nothing is pulling or pushing: a pull records its blobs before its layers.
    /// </summary>
    public int DeleteUnreferencedLayerBlobs() => InTransaction(tx =>
    {
        using var cmd = Command("DELETE FROM layer_blobs WHERE NOT EXISTS (SELECT 1 FROM layers l WHERE l.diff_id = layer_blobs.diff_id)", tx);
        return cmd.ExecuteNonQuery();
    });

    /// <summary>Everything rows reference, as one consistent read (one transaction's view).</summary>
    public StoreReferences ListReferences() => InTransaction(tx =>
    {
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        var layers = new HashSet<string>(StringComparer.Ordinal);
        var containers = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = Command("SELECT id FROM images", tx))
            blobs.UnionWith(ReadStrings(cmd));
        using (var cmd = Command("SELECT chain_id, blob FROM layers", tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                layers.Add(r.GetString(0));
                blobs.Add(r.GetString(1));
            }
        // A compressed blob stays while a layer with its DiffID does (push reuses it).
        using (var cmd = Command("SELECT b.digest FROM layer_blobs b WHERE EXISTS (SELECT 1 FROM layers l WHERE l.diff_id = b.diff_id)", tx))
            blobs.UnionWith(ReadStrings(cmd));
        // The built-in registry's manifests and the blobs pushed to its repositories.
        using (var cmd = Command("SELECT digest FROM registry_manifests UNION SELECT digest FROM registry_blobs", tx))
            blobs.UnionWith(ReadStrings(cmd));
        using (var cmd = Command("SELECT id FROM containers", tx))
            containers.UnionWith(ReadStrings(cmd));
        return new StoreReferences(blobs, layers, containers);
    });
}
