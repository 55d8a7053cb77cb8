using System.Text.Json;
using Berth.Core.Volumes;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

public sealed partial class MetadataStore : IVolumeStore
{
    public bool TryInsertVolume(Volume volume) => InTransaction(tx =>
    {
        try
        {
            Execute("INSERT INTO volumes(name, driver, doc) VALUES ($n, $d, $doc)", tx,
                ("$n", volume.Name), ("$d", volume.Driver), ("$doc", JsonSerializer.Serialize(volume, EngineJson.Default.Volume)));
            return true;
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            return false;
        }
    });

    public Volume? FindVolume(string name) => Read(() =>
    {
        using var cmd = Command("SELECT doc FROM volumes WHERE name = $n", null, ("$n", name));
        return ReadStrings(cmd).Select(doc => JsonSerializer.Deserialize(doc, EngineJson.Default.Volume)!).FirstOrDefault();
    });

    public IReadOnlyList<Volume> ListVolumes() => Read(() =>
    {
        using var cmd = Command("SELECT doc FROM volumes ORDER BY name", null);
        return ReadStrings(cmd).Select(doc => JsonSerializer.Deserialize(doc, EngineJson.Default.Volume)!).ToList();
    });

    public void DeleteVolume(string name) => InTransaction(tx => Execute("DELETE FROM volumes WHERE name = $n", tx, ("$n", name)));
}
