using Berth.Engine.Registry;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

/// <summary>The built-in registry's rows: its manifests, its own tags, and which blobs each repository holds.</summary>
public sealed partial class MetadataStore
{
    private const string ManifestColumns = "repo, digest, media_type, size, image_id, subject, artifact_type, annotations";

    /// <summary>Records a manifest, and the tag it was pushed under (if any), in one transaction.</summary>
    public void PutRegistryManifest(RegistryManifest m, string? tag) => InTransaction(tx =>
    {
        Execute($"INSERT OR REPLACE INTO registry_manifests({ManifestColumns}) VALUES ($r, $d, $m, $s, $i, $sub, $a, $ann)", tx,
            ("$r", m.Repository), ("$d", m.Digest), ("$m", m.MediaType), ("$s", m.Size), ("$i", m.ImageId), ("$sub", m.Subject),
            ("$a", m.ArtifactType), ("$ann", m.Annotations));
        if (tag is not null)
            Execute("INSERT OR REPLACE INTO registry_tags(repo, tag, digest) VALUES ($r, $t, $d)", tx,
                ("$r", m.Repository), ("$t", tag), ("$d", m.Digest));
    });

    public RegistryManifest? GetRegistryManifest(string repo, string digest) => Read(() =>
        LoadManifests("WHERE repo = $r AND digest = $d", ("$r", repo), ("$d", digest)).FirstOrDefault());

    /// <summary>The newest manifest of <paramref name="repo"/> that became image <paramref name="imageId"/>.</summary>
    public RegistryManifest? FindRegistryManifestOf(string repo, string imageId) => Read(() =>
        LoadManifests("WHERE repo = $r AND image_id = $i ORDER BY rowid DESC LIMIT 1", ("$r", repo), ("$i", imageId)).FirstOrDefault());

    /// <summary>The manifests of <paramref name="repo"/> whose subject is <paramref name="subject"/>, oldest first.</summary>
    public IReadOnlyList<RegistryManifest> ListRegistryReferrers(string repo, string subject) => Read(() =>
        LoadManifests("WHERE repo = $r AND subject = $s ORDER BY rowid", ("$r", repo), ("$s", subject)));

    /// <summary>The registry's own tags of <paramref name="repo"/>: tag → manifest digest.</summary>
    public IReadOnlyDictionary<string, string> ListRegistryTags(string repo) => Read(() =>
    {
        using var cmd = Command("SELECT tag, digest FROM registry_tags WHERE repo = $r", null, ("$r", repo));
        using var r = cmd.ExecuteReader();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
            tags[r.GetString(0)] = r.GetString(1);
        return tags;
    });

    /// <summary>The local tags whose name starts with <paramref name="prefix"/> (<c>docker.io/library/busybox:</c>): name → image ID.</summary>
    public IReadOnlyDictionary<string, string> ListTagsWithPrefix(string prefix) => Read(() =>
    {
        using var cmd = Command("SELECT name, image_id FROM tags WHERE substr(name, 1, length($p)) = $p", null, ("$p", prefix));
        using var r = cmd.ExecuteReader();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read())
            tags[r.GetString(0)] = r.GetString(1);
        return tags;
    });

    /// <summary>Forgets a manifest of a repository and the registry tags naming it.</summary>
    public bool DeleteRegistryManifest(string repo, string digest) => InTransaction(tx =>
    {
        Execute("DELETE FROM registry_tags WHERE repo = $r AND digest = $d", tx, ("$r", repo), ("$d", digest));
        return Execute("DELETE FROM registry_manifests WHERE repo = $r AND digest = $d", tx, ("$r", repo), ("$d", digest)) == 1;
    });

    public bool DeleteRegistryTag(string repo, string tag) => InTransaction(tx =>
        Execute("DELETE FROM registry_tags WHERE repo = $r AND tag = $t", tx, ("$r", repo), ("$t", tag)) == 1);

    /// <summary>Whether any row names <paramref name="repo"/>: a repository the registry knows.</summary>
    public bool RegistryRepositoryExists(string repo) => Read(() =>
    {
        using var cmd = Command("SELECT EXISTS(SELECT 1 FROM registry_manifests WHERE repo = $r) OR EXISTS(SELECT 1 FROM registry_blobs WHERE repo = $r)",
            null, ("$r", repo));
        return Convert.ToInt64(cmd.ExecuteScalar()) != 0;
    });

    public void LinkRegistryBlobs(string repo, IEnumerable<string> digests) => InTransaction(tx =>
    {
        foreach (string digest in digests)
            Execute("INSERT OR IGNORE INTO registry_blobs(repo, digest) VALUES ($r, $d)", tx, ("$r", repo), ("$d", digest));
    });

    public bool IsRegistryBlobLinked(string repo, string digest) => Read(() =>
    {
        using var cmd = Command("SELECT 1 FROM registry_blobs WHERE repo = $r AND digest = $d", null, ("$r", repo), ("$d", digest));
        return cmd.ExecuteScalar() is not null;
    });

    public bool UnlinkRegistryBlob(string repo, string digest) => InTransaction(tx =>
        Execute("DELETE FROM registry_blobs WHERE repo = $r AND digest = $d", tx, ("$r", repo), ("$d", digest)) == 1);

    private List<RegistryManifest> LoadManifests(string where, params (string, object?)[] args)
    {
        using var cmd = Command($"SELECT {ManifestColumns} FROM registry_manifests {where}", null, args);
        using var r = cmd.ExecuteReader();
        var list = new List<RegistryManifest>();
        while (r.Read())
            list.Add(new RegistryManifest(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3))
            {
                ImageId = NullableString(r, 4), Subject = NullableString(r, 5), ArtifactType = NullableString(r, 6), Annotations = NullableString(r, 7),
            });
        return list;
    }

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
