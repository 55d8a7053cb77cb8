using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary>What <c>POST /images/prune</c> removed and the bytes its layers held on disk.</summary>
public sealed record ImagePruneReport(IReadOnlyList<ImageDeleteItem> Deleted, long SpaceReclaimed);

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker image prune</c>: removes the top-level images (no image is built on them) that
    /// no container uses and <paramref name="matches"/> accepts; only dangling ones (no tag, no
    /// digest) unless <paramref name="all"/>. The untagged parents they leave go too, as in
    /// <see cref="Remove"/>.
    /// </summary>
    public ImagePruneReport Prune(bool all, Func<Image, bool> matches)
    {
        var sizes = metadata.ListLayers().ToDictionary(l => l.ChainId, l => l.Size);
        var used = containers.List().Select(c => c.ImageId).ToHashSet();
        var list = metadata.ListImages();
        var parents = list.Select(i => i.Parent).Where(p => p.Length > 0).ToHashSet();
        var deleted = new List<ImageDeleteItem>();
        foreach (Image image in list.Where(i => !parents.Contains(i.Id) && !used.Contains(i.Id)
            && (all || (i.Tags.Count == 0 && i.RepoDigests.Count == 0)) && matches(i)))
        {
            if (images.TryResolve(image.Id) is null)
                continue; // gone already, as the untagged parent of an image pruned before it
            deleted.AddRange(Remove(image.Id, force: true));
        }
        long reclaimed = deleted.Where(d => d.Deleted is not null).Sum(d => sizes.GetValueOrDefault(d.Deleted!));
        return new ImagePruneReport(deleted, reclaimed);
    }
}
