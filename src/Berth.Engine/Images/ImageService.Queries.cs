using Berth.Core.Images;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>The images <paramref name="matches"/> accepts, newest first, with their container counts.</summary>
    /// <param name="all">Also the intermediate images: untagged ones that another image was committed on (a build's steps), which Docker hides.</param>
    public IReadOnlyList<ImageSummary> List(Func<Image, bool> matches, bool all = false)
    {
        var used = containers.List().GroupBy(c => c.ImageId).ToDictionary(g => g.Key, g => g.Count());
        var list = metadata.ListImages();
        var parents = list.Select(i => i.Parent).Where(p => p.Length > 0).ToHashSet();
        return list
            .Where(i => all || i.Tags.Count > 0 || !parents.Contains(i.Id))
            .Where(matches)
            .OrderByDescending(i => i.Created)
            .Select(i => new ImageSummary(i, used.GetValueOrDefault(i.Id)))
            .ToList();
    }

    public ImageDetails Inspect(string name)
    {
        Image image = images.Resolve(name);
        var chain = ChainId.For(image.DiffIds);
        return chain.Count == 0
            ? new ImageDetails(image, null, [])
            : new ImageDetails(image, snapshots.LayerDir(chain[^1]), chain.Reverse().Skip(1).Select(snapshots.LayerDir).ToList());
    }

    public ImageHistory History(string name)
    {
        Image image = images.Resolve(name);
        return new ImageHistory(image, ChainId.For(image.DiffIds).Select(chain => metadata.GetLayer(chain)?.Size ?? 0).ToList());
    }

    /// <summary>How many images there are, for <c>docker info</c>.</summary>
    public int Count() => metadata.ListImages().Count;
}
