using System.Collections.Concurrent;
using Berth.Core.Build;

namespace Berth.Engine.Build;

public sealed partial class BuildService : IBuildCacheUsage
{
    /// <summary>The builds running now; their cache keys are in use.</summary>
    private readonly ConcurrentDictionary<BuildRun, byte> _running = new();

    /// <summary>
    /// The build cache's records (<c>system df</c>'s BuildCache rows): one per cached step, its
    /// image's own layer size, whether a running build uses it and whether a tagged image is built
    /// on it. Records whose image is gone are not listed.
    /// </summary>
    public IReadOnlyList<BuildCacheRecord> ListCacheRecords()
    {
        var all = imageService.List(_ => true, all: true).Select(s => s.Image).ToDictionary(i => i.Id);
        var shared = new HashSet<string>();
        foreach (var tagged in all.Values.Where(i => i.Tags.Count > 0))
            for (var image = tagged; image is not null && shared.Add(image.Id); image = all.GetValueOrDefault(image.Parent))
            {
            }
        var inUse = _running.Keys.SelectMany(r => r.UsedKeys.Keys).ToHashSet();
        var entries = new BuildCache(CacheDir).List().Where(e => all.ContainsKey(e.ImageId)).ToList();
        var keyOfImage = entries.GroupBy(e => e.ImageId).ToDictionary(g => g.Key, g => g.First().Key);
        return entries.Select(e =>
        {
            var image = all[e.ImageId];
            long parentSize = all.GetValueOrDefault(image.Parent)?.Size ?? 0;
            return new BuildCacheRecord(e.Key, e.ImageId, keyOfImage.GetValueOrDefault(image.Parent), "regular", e.Description, inUse.Contains(e.Key),
                shared.Contains(e.ImageId), Math.Max(0, image.Size - parentSize), e.Created, e.UsageCount == 0 ? null : e.LastUsed, e.UsageCount);
        }).OrderBy(r => r.CreatedAt).ToList();
    }

    /// <summary>
    /// <c>builder prune</c>: drops the records no running build uses and no tagged image is built
    /// on (with <paramref name="all"/>, those a tagged image is built on too, whose layers stay
    /// with it), and removes their step images where nothing else needs them (untagged, no image
    /// built on them, no container). The space reclaimed is what the removed images' layers held.
    /// Only records <paramref name="matches"/> accepts are candidates.
    /// </summary>
    public BuildCachePruneReport PruneCache(bool all, Func<BuildCacheRecord, bool>? matches = null)
    {
        var cache = new BuildCache(CacheDir);
        var records = ListCacheRecords().ToDictionary(r => r.Id);
        var deleted = new List<string>();
        foreach (var entry in cache.List())
        {
            if (!records.TryGetValue(entry.Key, out var record))
            {
                cache.Remove(entry.Key); // its image is gone: a record of nothing, never listed, so not reported
                continue;
            }
            if (record.InUse || record.Shared && !all || matches is not null && !matches(record))
                continue;
            cache.Remove(entry.Key);
            deleted.Add(entry.Key);
        }
        var pruned = deleted.Where(records.ContainsKey).Select(k => records[k]).ToList();
        var present = imageService.List(_ => true, all: true);
        var parents = present.Select(s => s.Image.Parent).ToHashSet();
        foreach (var record in pruned)
        {
            var leaf = present.FirstOrDefault(s => s.Image.Id == record.ImageId);
            if (leaf is { Containers: 0, Image.Tags.Count: 0 } && !parents.Contains(record.ImageId))
            {
                try
                {
                    imageService.Remove(record.ImageId, force: false); // its untagged parents go with it
                }
                catch (Berth.Core.Errors.BerthException)
                {
                    // A container or image took it meanwhile: it stays, as an ordinary image.
                }
            }
        }
        long reclaimed = pruned.Where(r => images.TryResolve(r.ImageId) is null).Sum(r => r.Size);
        return new BuildCachePruneReport(deleted, reclaimed);
    }
}
