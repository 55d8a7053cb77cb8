using System.Globalization;
using Berth.Core.Images;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Records an image, its new layers and its tags (moving tags from other images) at once.</summary>
    public void PutImage(Image image, IEnumerable<Layer> layers, IEnumerable<string> tags, IEnumerable<string>? repoDigests = null) => InTransaction(tx =>
    {
        foreach (Layer layer in layers)
            Execute("INSERT OR IGNORE INTO layers(chain_id, diff_id, parent, blob, size) VALUES ($c, $d, $p, $b, $s)", tx,
                ("$c", layer.ChainId), ("$d", layer.DiffId), ("$p", layer.Parent), ("$b", layer.BlobDigest), ("$s", layer.Size));
        int added = Execute("INSERT OR IGNORE INTO images(id, config, created, size, parent) VALUES ($id, $cfg, $cr, $sz, $p)", tx,
            ("$id", image.Id), ("$cfg", image.Config), ("$cr", image.Created.ToString("O")), ("$sz", image.Size), ("$p", image.Parent));
        if (added == 1)
            for (int i = 0; i < image.DiffIds.Count; i++)
                Execute("INSERT INTO image_layers(image_id, position, diff_id) VALUES ($id, $i, $d)", tx,
                    ("$id", image.Id), ("$i", i), ("$d", image.DiffIds[i]));
        foreach (string tag in tags)
            Execute("INSERT INTO tags(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id = $id", tx,
                ("$n", tag), ("$id", image.Id));
        foreach (string name in repoDigests ?? [])
            Execute("INSERT INTO repo_digests(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id = $id", tx,
                ("$n", name), ("$id", image.Id));
    });

    public Image? GetImage(string id) => Read(() => LoadImages("WHERE i.id = $id", ("$id", id)).FirstOrDefault());

    /// <summary>Image IDs starting with <paramref name="prefix"/> (hex, without <c>sha256:</c>).</summary>
    public IReadOnlyList<string> FindImageIds(string prefix) => Read(() =>
    {
        using var cmd = Command("SELECT id FROM images WHERE id >= $lo AND id < $hi", null, ("$lo", "sha256:" + prefix), ("$hi", "sha256:" + prefix + "~"));
        return ReadStrings(cmd);
    });

    public IReadOnlyList<Image> ListImages() => Read(() => LoadImages(""));

    public string? ResolveTag(string name) => Read(() =>
    {
        using var cmd = Command("SELECT image_id FROM tags WHERE name = $n", null, ("$n", name));
        return cmd.ExecuteScalar() as string;
    });

    public void Tag(string name, string imageId) => InTransaction(tx =>
        Execute("INSERT INTO tags(name, image_id) VALUES ($n, $id) ON CONFLICT(name) DO UPDATE SET image_id = $id", tx,
            ("$n", name), ("$id", imageId)));

    public bool Untag(string name) => InTransaction(tx => Execute("DELETE FROM tags WHERE name = $n", tx, ("$n", name)) == 1);

    /// <summary>
    /// Deletes an image and returns the layers no remaining image uses, deleting their rows
    /// too; the caller removes their snapshots.
    /// </summary>
    public IReadOnlyList<Layer> DeleteImage(string id) => InTransaction(tx =>
    {
        Execute("DELETE FROM images WHERE id = $id", tx, ("$id", id));
        var live = new HashSet<string>();
        using (var cmd = Command("SELECT image_id, diff_id FROM image_layers ORDER BY image_id, position", tx))
        using (var r = cmd.ExecuteReader())
        {
            string? current = null, chain = null;
            while (r.Read())
            {
                if (r.GetString(0) != current) { current = r.GetString(0); chain = null; }
                chain = chain is null ? r.GetString(1) : ChainId.Next(chain, r.GetString(1));
                live.Add(chain);
            }
        }
        var dead = ListLayers(tx).Where(l => !live.Contains(l.ChainId)).ToList();
        foreach (Layer layer in dead)
            Execute("DELETE FROM layers WHERE chain_id = $c", tx, ("$c", layer.ChainId));
        return dead;
    });

    public Layer? GetLayer(string chainId) => Read(() => ListLayers(null, chainId).FirstOrDefault());

    /// <summary>Every layer, for disk usage and prune's reclaimed bytes.</summary>
    public IReadOnlyList<Layer> ListLayers() => Read(() => ListLayers(null));

    private List<Layer> ListLayers(SqliteTransaction? tx, string? chainId = null)
    {
        using var cmd = Command("SELECT chain_id, diff_id, parent, blob, size FROM layers" + (chainId is null ? "" : " WHERE chain_id = $c"), tx, ("$c", chainId));
        using var r = cmd.ExecuteReader();
        var layers = new List<Layer>();
        while (r.Read())
            layers.Add(new Layer { ChainId = r.GetString(0), DiffId = r.GetString(1), Parent = r.GetString(2), BlobDigest = r.GetString(3), Size = r.GetInt64(4) });
        return layers;
    }

    private List<Image> LoadImages(string where, params (string, object?)[] args)
    {
        var images = new List<Image>();
        using (var cmd = Command($"SELECT i.id, i.config, i.created, i.size, i.parent FROM images i {where}", null, args))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                images.Add(new Image
                {
                    Id = r.GetString(0), Config = (byte[])r[1],
                    Created = DateTime.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    Size = r.GetInt64(3), Parent = r.GetString(4), DiffIds = [],
                });
        for (int i = 0; i < images.Count; i++)
        {
            using var layers = Command("SELECT diff_id FROM image_layers WHERE image_id = $id ORDER BY position", null, ("$id", images[i].Id));
            using var tags = Command("SELECT name FROM tags WHERE image_id = $id ORDER BY name", null, ("$id", images[i].Id));
            using var digests = Command("SELECT name FROM repo_digests WHERE image_id = $id ORDER BY name", null, ("$id", images[i].Id));
            images[i] = images[i] with { DiffIds = ReadStrings(layers), Tags = ReadStrings(tags), RepoDigests = ReadStrings(digests) };
        }
        return images;
    }

    private static List<string> ReadStrings(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
            list.Add(r.GetString(0));
        return list;
    }
}
