using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Volumes;
using Berth.Linux.Files;

namespace Berth.Engine.Volumes;

public sealed partial class VolumeService
{
    /// <summary>
    /// A new container's mounts, as Docker layers them: <c>--volumes-from</c>, then <c>-v</c>,
    /// then <c>--mount</c> (a destination given twice by these two is refused), then the
    /// image's and <c>-v /path</c>'s VOLUMEs where nothing else is mounted. Volumes named and
    /// missing are created; anonymous ones get fresh names. Call inside <see cref="Claim{T}"/>.
    /// </summary>
    public IReadOnlyList<MountPoint> Resolve(ContainerConfig config, HostConfig host)
    {
        var mounts = new Dictionary<string, (MountPoint Point, VolumeMountOptions? Options)>();
        foreach (string from in host.VolumesFrom ?? [])
        {
            var (name, rw) = MountParser.ParseVolumesFrom(from);
            // As Docker copies them: no mode text, read-only if either side says so, no copy-up.
            foreach (MountPoint m in _containers.Get(name).Mounts)
                mounts[m.Destination] = (m with { Mode = "", RW = m.RW && rw != false, CopyData = false }, null);
        }
        var given = new HashSet<string>();
        foreach (string bind in host.Binds ?? [])
        {
            MountPoint m = MountParser.ParseBind(bind);
            if (!given.Add(m.Destination))
                throw BerthException.Invalid($"Duplicate mount point: {m.Destination}");
            // As Docker: a -v bind source that does not exist is made, as a directory.
            if (m.Type == "bind" && !Path.Exists(m.Source))
                Directory.CreateDirectory(m.Source);
            mounts[m.Destination] = (m, null);
        }
        foreach (MountSpec spec in host.Mounts ?? [])
        {
            MountPoint m = MountParser.ParseSpec(spec);
            if (!given.Add(m.Destination))
                throw BerthException.Invalid($"Duplicate mount point: {m.Destination}");
            if (m.Type == "bind" && !Path.Exists(m.Source))
                throw BerthException.Invalid($"invalid mount config for type \"bind\": bind source path does not exist: {m.Source}");
            mounts[m.Destination] = (m, spec.VolumeOptions);
        }
        var tmpfs = (host.Tmpfs ?? new Dictionary<string, string>()).Keys.Select(MountParser.Clean).ToHashSet();
        foreach (string path in (config.Volumes ?? new Dictionary<string, object>()).Keys)
        {
            string destination = MountParser.Clean(path);
            if (!mounts.ContainsKey(destination) && !tmpfs.Contains(destination))
                mounts[destination] = (new MountPoint { Type = "volume", Destination = destination, Driver = "local", CopyData = true }, null);
        }
        var resolved = new List<MountPoint>();
        try
        {
            foreach (var (point, options) in mounts.Values)
                resolved.Add(point.Type == "volume" && point.Source.Length == 0 ? WithVolume(point, options) : point);
        }
        catch
        {
            // A refused volume later in the list: the anonymous ones made for this container go too.
            foreach (MountPoint made in resolved.Where(m => m.Type == "volume" && !mounts.Values.Any(x => x.Point.Name == m.Name)))
            {
                if (_store.FindVolume(made.Name!) is { IsAnonymous: true } volume)
                    Delete(volume);
            }
            throw;
        }
        return resolved;
    }

    /// <summary>
    /// Makes a container's volumes ready as it starts: each driver mounts its data, and an
    /// empty volume receives the image's content at its path (unless <c>nocopy</c>). Returns
    /// the mounts with their host sources, for the OCI spec.
    /// </summary>
    public IReadOnlyList<MountPoint> Prepare(Container c, string rootfs)
    {
        var ready = new List<MountPoint>();
        foreach (MountPoint m in MountsOf(c))
        {
            if (m.Type != "volume")
            {
                ready.Add(m);
                continue;
            }
            Volume volume = Get(m.Name!);
            string data = DriverNamed(volume.Driver).Mount(volume, c.Id);
            if (m.Subpath is not null)
                ready.Add(m with { Source = _subpaths.Stage(c.Id, ready.Count, data, m.Subpath) });
            else
            {
                if (m.CopyData)
                    VolumeCopier.CopyIfEmpty(rootfs, m.Destination, data);
                ready.Add(m with { Source = data });
            }
            _events.Publish("volume", "mount", volume.Name, new Dictionary<string, string>
            {
                ["container"] = c.Id, ["destination"] = m.Destination, ["driver"] = volume.Driver,
                ["propagation"] = m.Propagation, ["read/write"] = m.RW ? "true" : "false",
            });
        }
        return ready;
    }

    /// <summary>
    /// After a daemon restart: tells the drivers which running containers use which volumes
    /// (their mounts outlived the old daemon), so the last one to stop still unmounts them.
    /// Before exits are reconciled, which release what the dead ones held.
    /// </summary>
    public void Restore()
    {
        _subpaths.ReleaseAllBut(_containers.Running().Select(c => c.Id).ToHashSet());
        foreach (Container c in _containers.Running())
        {
            foreach (MountPoint m in c.Mounts.Where(m => m.Type == "volume"))
            {
                if (_store.FindVolume(m.Name!) is Volume volume)
                    DriverNamed(volume.Driver).Mount(volume, c.Id);
            }
        }
    }

    /// <summary>The container stopped: drivers may unmount what it alone used.</summary>
    public void Release(Container c)
    {
        _subpaths.Release(c.Id);
        foreach (MountPoint m in c.Mounts.Where(m => m.Type == "volume"))
        {
            if (_store.FindVolume(m.Name!) is Volume volume)
            {
                DriverNamed(volume.Driver).Unmount(volume, c.Id);
                _events.Publish("volume", "unmount", volume.Name, new Dictionary<string, string> { ["container"] = c.Id, ["driver"] = volume.Driver });
            }
        }
    }

    /// <summary>After <c>rm -v</c> or <c>run --rm</c>: the anonymous volumes the removed container used and no other does. Named volumes stay.</summary>
    public void RemoveAnonymous(Container removed)
    {
        lock (_lock)
        {
            foreach (MountPoint m in removed.Mounts.Where(m => m.Type == "volume"))
            {
                if (_store.FindVolume(m.Name!) is { IsAnonymous: true } volume && UsedBy(volume.Name).Count == 0)
                    Delete(volume);
            }
        }
    }

    /// <summary>
    /// The container's mounts; for a record stored before berthd resolved mounts at create,
    /// its <c>-v</c> binds, which were all it could have then.
    /// </summary>
    private static IEnumerable<MountPoint> MountsOf(Container c) =>
        c.Mounts.Count == 0 && c.HostConfig.Binds is { Count: > 0 } binds
            ? binds.Select(MountParser.ParseBind).Where(m => m.Type == "bind")
            : c.Mounts;

    private MountPoint WithVolume(MountPoint m, VolumeMountOptions? options)
    {
        Volume volume = (m.Name is null ? null : _store.FindVolume(m.Name))
            ?? Create(m.Name, m.Driver, options?.Labels, options?.DriverConfig?.Options);
        return m with { Name = volume.Name, Source = volume.Mountpoint, Driver = volume.Driver };
    }
}
