using Berth.Core.Images;
using Berth.Engine.Services;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// The bytes all layers hold, and the images <c>docker images</c> lists, each with its
    /// shared size: the bytes of its layers that another listed image has too.
    /// </summary>
    public (long LayersSize, IReadOnlyList<ImageUsage> Images) DiskUsage()
    {
        var layers = metadata.ListLayers();
        var sizes = layers.ToDictionary(l => l.ChainId, l => l.Size);
        var listed = List(_ => true);
        var chains = listed.ToDictionary(s => s.Image.Id, s => ChainId.For(s.Image.DiffIds));
        var users = chains.Values.SelectMany(c => c).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var rows = listed.Select(s => new ImageUsage(s,
            chains[s.Image.Id].Where(c => users[c] > 1).Sum(c => sizes.GetValueOrDefault(c)))).ToList();
        return (layers.Sum(l => l.Size), rows);
    }
}
