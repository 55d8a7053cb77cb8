using Berth.Core.Content;
using Berth.Core.Snapshots;
using Berth.Engine.Metadata;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Images;

/// <summary>What one collection removed.</summary>
public sealed record GcReport(int Blobs, int Layers, int ContainerLayers)
{
    public int Total => Blobs + Layers + ContainerLayers;
}

/// <summary>
/// Removes blobs and snapshots no row references: what a crash between writing a layer and
/// writing its image's rows left, or a failed load, import, pull, commit or build. Rows are
/// written last (see <see cref="ImageService"/>), so anything on disk that no row names is
/// either garbage or belongs to an operation still running; operations that write blobs or
/// layers therefore hold a <see cref="Lease"/>, and a collection runs only when none is held.
/// <code>
///   startup (nothing in flight yet)  Collect(containers: true): blobs, layers, container layers
///   operation fails, image removed   CollectWhenIdle(): runs when the last lease is released;
///                                    new leases wait for it (blobs and layers only: a container
///                                    layer is made before its row by services without leases)
/// </code>
/// Ingests (<c>content/ingest</c>) and unfinished layers (<c>overlay/tmp-*</c>) are swept by
/// their stores when they open.
/// </summary>
public sealed class GarbageCollector(MetadataStore metadata, IContentStore content, ISnapshotter snapshots, ILogger log)
{
    private readonly object _gate = new(); // a Monitor, not a Lock: leases wait on it
    private int _leases;
    private bool _wanted;
    private bool _collecting;

    /// <summary>
    /// Keeps collections away until disposed; waits while one runs. Held by every operation
    /// between writing its first blob or layer and writing the rows that reference them.
    /// </summary>
    public IDisposable Lease()
    {
        lock (_gate)
        {
            while (_collecting)
                Monitor.Wait(_gate);
            _leases++;
        }
        return new Releaser(this);
    }

    /// <summary>Asks for a collection as soon as no lease is held (now, if none is).</summary>
    public void CollectWhenIdle()
    {
        lock (_gate)
        {
            _wanted = true;
            if (!StartIfIdle())
                return;
        }
        RunThenReopen();
    }

    private void Release()
    {
        lock (_gate)
        {
            _leases--;
            if (!StartIfIdle())
                return;
        }
        RunThenReopen();
    }

    /// <summary>Under the gate: claims the collection if one is wanted and nothing is in flight.</summary>
    private bool StartIfIdle()
    {
        if (!_wanted || _leases > 0 || _collecting)
            return false;
        _wanted = false;
        _collecting = true;
        return true;
    }

    private void RunThenReopen()
    {
        try
        {
            Collect(containers: false);
        }
        catch (Exception e)
        {
            // The failure being cleaned up after is the caller's error; this one is only logged.
            LogMessages.GarbageCollectionFailed(log, e);
        }
        finally
        {
            lock (_gate)
            {
                _collecting = false;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// One sweep. With <paramref name="containers"/>, container layers without a container row
    /// go too: only safe before the daemon serves requests.
    /// </summary>
    public GcReport Collect(bool containers)
    {
        metadata.DeleteUnreferencedLayerBlobs();
        var live = metadata.ListReferences();
        int layers = 0, blobs = 0, containerLayers = 0;
        foreach (string chain in snapshots.ListLayers().Where(c => !live.Layers.Contains(c)))
            layers += Try(() => snapshots.RemoveLayer(chain));
        foreach (string digest in content.Walk().Where(d => !live.Blobs.Contains(d)).ToList())
            blobs += Try(() => content.Delete(digest));
        if (containers)
            foreach (string id in snapshots.ListContainers().Where(id => !live.Containers.Contains(id)))
                containerLayers += Try(() => snapshots.RemoveContainer(id));
        var report = new GcReport(blobs, layers, containerLayers);
        if (report.Total > 0)
            LogMessages.GarbageCollected(log, blobs, layers, containerLayers);
        return report;
    }

    /// <summary>One removal; an item someone else removed meanwhile (rmi) is not an error.</summary>
    private static int Try(Action remove)
    {
        try
        {
            remove();
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private sealed class Releaser(GarbageCollector owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                owner.Release();
        }
    }
}
