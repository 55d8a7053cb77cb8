using System.Text.Json;
using Berth.Core.Containers;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Adds a new container; a name already taken is a conflict naming its holder.</summary>
    public void InsertContainer(Container container) => InTransaction(tx =>
    {
        try
        {
            Execute("INSERT INTO containers(id, name, image_id, doc) VALUES ($id, $n, $img, $doc)", tx,
                ("$id", container.Id), ("$n", container.Name), ("$img", container.ImageId), ("$doc", JsonSerializer.Serialize(container, EngineJson.Default.Container)));
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            using var cmd = Command("SELECT id FROM containers WHERE name = $n", tx, ("$n", container.Name));
            string holder = cmd.ExecuteScalar() as string ?? "";
            throw Conflict($"Conflict. The container name \"/{container.Name}\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    });

    /// <summary>Replaces the stored record: one state change, one transaction.</summary>
    public void UpdateContainer(Container container) => InTransaction(tx =>
        Execute("UPDATE containers SET name = $n, doc = $doc WHERE id = $id", tx,
            ("$id", container.Id), ("$n", container.Name), ("$doc", JsonSerializer.Serialize(container, EngineJson.Default.Container))));

    public void DeleteContainer(string id) => InTransaction(tx => Execute("DELETE FROM containers WHERE id = $id", tx, ("$id", id)));

    public IReadOnlyList<Container> ListContainers() => Read(() =>
    {
        using var cmd = Command("SELECT doc FROM containers", null);
        return ReadStrings(cmd).Select(doc => JsonSerializer.Deserialize(doc, EngineJson.Default.Container)!).ToList();
    });

    /// <summary>Whether any container was made from this image (they keep its layers alive).</summary>
    public bool ImageInUse(string imageId) => Read(() =>
        Scalar<long>("SELECT COUNT(*) FROM containers WHERE image_id = $i", null, ("$i", imageId)) > 0);
}
