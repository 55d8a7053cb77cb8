using Berth.Core.Containers;
using Berth.Engine.Runtime;
using Berth.Engine.Stats;
using Berth.Linux.Processes;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary><c>docker inspect</c>'s view of a container: its record, its files, its networks' IDs.</summary>
    public ContainerDetails Inspect(string idOrName)
    {
        var c = Get(idOrName);
        return new ContainerDetails(c, _snapshots.RootfsOf(c.Id), _snapshots.UpperOf(c.Id), _paths.ContainerDir(c.Id), _paths.LogPath(c.Id),
            NetworkIdsOf(c));
    }

    /// <summary>
    /// The IDs of the user-defined networks a container is on or will join, by name
    /// (predefined networks have fixed IDs the views know).
    /// </summary>
    public IReadOnlyDictionary<string, string> NetworkIdsOf(Container c)
    {
        var names = c.State.Networks.Select(a => a.Network).Append(c.HostConfig.NetworkMode).Concat(c.Endpoints.Keys);
        var ids = new Dictionary<string, string>();
        foreach (string name in names.Distinct())
            if (_network.FindUserNetwork(name) is { } network)
                ids[name] = network.Id;
        return ids;
    }

    /// <summary><c>docker top</c>: the container's processes as <c>ps</c> with <paramref name="psArgs"/> shows them.</summary>
    public async Task<(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Rows)> TopAsync(string idOrName, string? psArgs, CancellationToken ct)
    {
        var pids = await PidsAsync(idOrName, ct);
        return await ProcessTable.ListAsync(string.IsNullOrWhiteSpace(psArgs) ? "-ef" : psArgs, pids.ToHashSet(), ct);
    }

    /// <summary>
    /// <c>docker container prune</c>: removes every stopped container <paramref name="matches"/>
    /// accepts; reports the bytes their writable layers held.
    /// </summary>
    public async Task<PruneReport> PruneAsync(Func<Container, bool> matches, CancellationToken ct)
    {
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var c in List().Where(c => c.State.Status is ContainerStatus.Exited or ContainerStatus.Created or ContainerStatus.Dead))
        {
            if (!matches(c))
                continue;
            reclaimed += _snapshots.Usage(c.Id);
            await RemoveAsync(c.Id, force: false, ct);
            deleted.Add(c.Id);
        }
        return new PruneReport(deleted, reclaimed);
    }

    /// <summary><c>system df</c>'s containers, newest first: each writable layer's bytes, and those plus its image's.</summary>
    public IReadOnlyList<Services.ContainerUsage> DiskUsage() => List().Select(c =>
    {
        var (rw, rootFs) = Sizes(c);
        return new Services.ContainerUsage(c, rw, rootFs);
    }).ToList();

    /// <summary>The bytes of a container's writable layer, and those plus its image's (<c>ps -s</c>, <c>system df</c>).</summary>
    public (long SizeRw, long SizeRootFs) Sizes(Container c)
    {
        long rw = _snapshots.Usage(c.Id);
        return (rw, rw + (_images.TryResolve(c.ImageId)?.Size ?? 0));
    }

    /// <summary>
    /// One reading of a container's resource use from its cgroup; a container without live
    /// processes reads as all zeros, stamped now.
    /// </summary>
    public (Container Container, StatsSample Sample) ReadStats(string idOrName)
    {
        var c = Get(idOrName);
        return c.State.Status is ContainerStatus.Running or ContainerStatus.Paused
            ? (c, CgroupStats.Read(OciSpecBuilder.CgroupPath(c.Id), c.State.Pid))
            : (c, new StatsSample { Read = DateTime.UtcNow });
    }
}
