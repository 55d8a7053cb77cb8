using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Volumes;
using Berth.Engine.Events;

namespace Berth.Engine.Volumes;

/// <summary>
/// Volumes: create, inspect, list, remove, prune, and (in <c>VolumeService.Mounts.cs</c>)
/// the mounts of containers. Who uses a volume is derived from the containers' mount points
/// through <see cref="IContainerCatalog"/>; a check for "in use" and the change it allows
/// happen under one lock, which container create takes too (<see cref="Claim{T}"/>), so a
/// volume cannot be removed between being chosen for a container and the container's record.
/// </summary>
public sealed partial class VolumeService
{
    private readonly IVolumeStore _store;
    private readonly IVolumeDriver _local;
    private readonly IContainerCatalog _containers;
    private readonly EventLog _events;
    private readonly SubpathStage _subpaths;
    private readonly Lock _lock = new();

    public VolumeService(IVolumeStore store, IVolumeDriver local, IContainerCatalog containers, EventLog events, SubpathStage subpaths)
    {
        _subpaths = subpaths;
        _store = store;
        _local = local;
        _containers = containers;
        _events = events;
    }

    /// <summary>
    /// Creates a volume, or returns the one of that name as it is (Docker's idempotent create).
    /// No name makes an anonymous volume: a random name and <see cref="Volume.AnonymousLabel"/>.
    /// </summary>
    public Volume Create(string? name, string? driver, IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string>? options)
    {
        var wanted = new Dictionary<string, string>(labels ?? new Dictionary<string, string>());
        if (string.IsNullOrEmpty(name))
        {
            name = VolumeNames.NewAnonymous();
            wanted[Volume.AnonymousLabel] = "";
        }
        try
        {
            VolumeNames.Validate(name);
            IVolumeDriver d = DriverNamed(driver);
            lock (_lock)
            {
                if (_store.FindVolume(name) is Volume existing)
                    return existing;
                var opts = new Dictionary<string, string>(options ?? new Dictionary<string, string>());
                var volume = new Volume
                {
                    Name = name, Driver = d.Name, Mountpoint = d.Create(name, opts), CreatedAt = DateTime.UtcNow,
                    Labels = wanted, Options = opts,
                };
                if (!_store.TryInsertVolume(volume))
                    return _store.FindVolume(name)!;
                _events.Publish("volume", "create", name, new Dictionary<string, string> { ["driver"] = d.Name });
                return volume;
            }
        }
        catch (BerthException e) when (e.Kind is ErrorKind.InvalidArgument or ErrorKind.NotFound)
        {
            throw new BerthException(e.Kind, $"create {name}: {e.Message}", e);
        }
    }

    public Volume Get(string name) =>
        _store.FindVolume(name) ?? throw BerthException.NotFound($"get {name}: no such volume");

    public IReadOnlyList<Volume> List() => _store.ListVolumes();

    /// <summary>The IDs of the containers whose mounts name the volume, newest first.</summary>
    public IReadOnlyList<string> UsedBy(string name) =>
        _containers.List().Where(c => c.Mounts.Any(m => m.Type == "volume" && m.Name == name)).Select(c => c.Id).ToList();

    /// <summary>Removes a volume no container uses; <paramref name="force"/> makes a missing one not an error.</summary>
    public void Remove(string name, bool force)
    {
        lock (_lock)
        {
            Volume? volume = _store.FindVolume(name);
            if (volume is null)
            {
                if (force)
                    return;
                throw BerthException.NotFound($"get {name}: no such volume");
            }
            var users = UsedBy(name);
            if (users.Count > 0)
                throw BerthException.Conflict($"remove {name}: volume is in use - [{string.Join(' ', users)}]");
            Delete(volume);
        }
    }

    /// <summary>
    /// Removes the unused volumes <paramref name="keep"/> does not keep: only anonymous ones
    /// unless <paramref name="all"/>. Returns their names and the bytes their data held.
    /// </summary>
    public (IReadOnlyList<string> Deleted, long Reclaimed) Prune(bool all, Func<Volume, bool> matches)
    {
        var deleted = new List<string>();
        long reclaimed = 0;
        lock (_lock)
        {
            var used = _containers.List().SelectMany(c => c.Mounts).Where(m => m.Type == "volume").Select(m => m.Name).ToHashSet();
            foreach (Volume v in _store.ListVolumes().Where(v => !used.Contains(v.Name) && (all || v.IsAnonymous) && matches(v)))
            {
                reclaimed += SizeOf(v.Mountpoint);
                Delete(v);
                deleted.Add(v.Name);
            }
        }
        return (deleted, reclaimed);
    }

    /// <summary><c>system df</c>'s volumes: each one's data size and how many containers use it.</summary>
    public IReadOnlyList<Services.VolumeUsage> DiskUsage()
    {
        var refs = _containers.List().SelectMany(c => c.Mounts.Where(m => m.Type == "volume").Select(m => m.Name).Distinct())
            .GroupBy(n => n!).ToDictionary(g => g.Key, g => g.Count());
        return List().Select(v => new Services.VolumeUsage(v, SizeOf(v.Mountpoint), refs.GetValueOrDefault(v.Name))).ToList();
    }

    /// <summary>Runs <paramref name="work"/> (choosing volumes for a container and recording it) with no volume removal in between.</summary>
    public T Claim<T>(Func<T> work)
    {
        lock (_lock)
            return work();
    }

    private void Delete(Volume volume)
    {
        DriverNamed(volume.Driver).Remove(volume);
        _store.DeleteVolume(volume.Name);
        _events.Publish("volume", "destroy", volume.Name, new Dictionary<string, string> { ["driver"] = volume.Driver });
    }

    private IVolumeDriver DriverNamed(string? name) =>
        string.IsNullOrEmpty(name) || name == _local.Name ? _local
            : throw BerthException.NotFound($"error looking up volume plugin {name}: plugin \"{name}\" not found");

    private static long SizeOf(string dir)
    {
        try
        {
            return Directory.Exists(dir)
                ? new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Sum(f => f.Length)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
