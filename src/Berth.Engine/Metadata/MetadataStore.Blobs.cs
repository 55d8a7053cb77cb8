using Berth.Core.Distribution;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>
    /// Remembers that the compressed blob <paramref name="blob"/> unpacks to <paramref name="diffId"/>:
    /// pulls record what they fetched, pushes what they compressed, so a layer is compressed
    /// at most once and every push of an image names the same blobs.
    /// </summary>
    public void PutLayerBlob(string diffId, Descriptor blob) => InTransaction(tx =>
        Execute("INSERT OR IGNORE INTO layer_blobs(digest, diff_id, media_type, size) VALUES ($d, $diff, $m, $s)", tx,
            ("$d", blob.Digest), ("$diff", diffId), ("$m", blob.MediaType), ("$s", blob.Size)));

    /// <summary>The compressed blobs known for <paramref name="diffId"/>, oldest first.</summary>
    public IReadOnlyList<Descriptor> GetLayerBlobs(string diffId) => Read(() =>
    {
        using var cmd = Command("SELECT digest, media_type, size FROM layer_blobs WHERE diff_id = $diff ORDER BY rowid", null, ("$diff", diffId));
        using var r = cmd.ExecuteReader();
        var blobs = new List<Descriptor>();
        while (r.Read())
            blobs.Add(new Descriptor(r.GetString(1), r.GetString(0), r.GetInt64(2)));
        return blobs;
    });

    /// <summary>Records <c>repository@digest</c> for an image (after a push).</summary>
    public void PutRepoDigest(string name, string imageId) => InTransaction(tx =>
        Execute("INSERT INTO repo_digests(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id = $id", tx,
            ("$n", name), ("$id", imageId)));

    public bool RemoveRepoDigest(string name) => InTransaction(tx => Execute("DELETE FROM repo_digests WHERE name = $n", tx, ("$n", name)) == 1);

    /// <summary>The image a <c>repository@digest</c> reference names, if any.</summary>
    public string? ResolveRepoDigest(string name) => Read(() =>
    {
        using var cmd = Command("SELECT image_id FROM repo_digests WHERE name = $n", null, ("$n", name));
        return cmd.ExecuteScalar() as string;
    });
}
