using System.Text.Json;
using Berth.Core.Networking;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore
{
    /// <summary>Adds a user-defined network; a name already taken is a conflict, in Docker's words.</summary>
    public void InsertNetwork(NetworkDefinition network) => InTransaction(tx =>
    {
        try
        {
            Execute("INSERT INTO networks(id, name, doc) VALUES ($id, $n, $doc)", tx,
                ("$id", network.Id), ("$n", network.Name), ("$doc", JsonSerializer.Serialize(network, EngineJson.Default.NetworkDefinition)));
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            throw Conflict($"network with name {network.Name} already exists");
        }
    });

    public void DeleteNetwork(string id) => InTransaction(tx => Execute("DELETE FROM networks WHERE id = $id", tx, ("$id", id)));

    public IReadOnlyList<NetworkDefinition> ListNetworks() => Read(() =>
    {
        using var cmd = Command("SELECT doc FROM networks", null);
        return ReadStrings(cmd).Select(doc => JsonSerializer.Deserialize(doc, EngineJson.Default.NetworkDefinition)!).ToList();
    });
}
