using Berth.Core.Images;
using Berth.Engine.Archive;

namespace Berth.Engine.Images;

/// <summary>What <c>save</c> will write: each image with the tags that were asked for.</summary>
public sealed record SavePlan(IReadOnlyList<(Image Image, IReadOnlyList<string> Tags)> Images);

public sealed partial class ImageService
{
    /// <summary>Resolves every name first, so a typo fails before any byte is sent.</summary>
    public SavePlan PlanSave(IReadOnlyList<string> names)
    {
        var plan = new List<(Image, List<string>)>();
        foreach (string name in names)
        {
            Image image = images.Resolve(name);
            string? reference = TryReference(name);
            var tags = reference is not null && image.Tags.Contains(reference) ? [reference]
                : name.StartsWith("sha256:", StringComparison.Ordinal) || !image.Tags.Any() || reference is null ? new List<string>()
                : image.Tags.ToList();
            var existing = plan.FindIndex(p => p.Item1.Id == image.Id);
            if (existing >= 0) plan[existing].Item2.AddRange(tags.Except(plan[existing].Item2));
            else plan.Add((image, tags));
        }
        return new SavePlan(plan.Select(p => (p.Item1, (IReadOnlyList<string>)p.Item2)).ToList());
    }

    /// <summary>Writes a docker-archive as <c>docker save</c> (Docker 25 to 28) does.</summary>
    public Task SaveAsync(SavePlan plan, Stream output, CancellationToken ct) =>
        DockerArchiveWriter.WriteAsync(plan.Images.Select(p => new ArchiveImage(p.Image.Config, p.Tags,
            ImageStore.ChainOf(p.Image).Select(chain => ArchiveLayerOf(metadata.GetLayer(chain)!)).ToList())).ToList(), output,
            tempDir ?? Path.GetTempPath(), ct);

    /// <summary>The layer's uncompressed tar: the stored blob itself, or a decompressing stream over it.</summary>
    private ArchiveLayer ArchiveLayerOf(Layer layer) => new(layer.DiffId, async ct =>
        layer.BlobDigest == layer.DiffId ? content.Open(layer.BlobDigest) : await Decompression.OpenAsync(content.Open(layer.BlobDigest), ct));
}
