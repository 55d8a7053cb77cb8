namespace Berth.Core.Volumes;

/// <summary>Where volume records are kept; each call is one transaction.</summary>
public interface IVolumeStore
{
    /// <summary>Adds a volume; false when the name is taken (the record is left as it was).</summary>
    bool TryInsertVolume(Volume volume);

    Volume? FindVolume(string name);

    IReadOnlyList<Volume> ListVolumes();

    void DeleteVolume(string name);
}
