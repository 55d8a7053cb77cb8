using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Metadata;

namespace Berth.Engine.Images;

/// <summary><see cref="IImageStore"/> over the metadata store's images and tags.</summary>
public sealed class ImageStore(MetadataStore metadata) : IImageStore
{
    /// <summary>The image <paramref name="name"/> refers to, or a 404 worded as Docker's.</summary>
    public Image Resolve(string name) => TryResolve(name) ?? throw BerthException.NotFound($"No such image: {Display(name)}");

    /// <summary>Docker's order: a full ID, then a tag (or <c>name@digest</c>), then a unique ID prefix.</summary>
    public Image? TryResolve(string name)
    {
        bool prefixed = name.StartsWith("sha256:", StringComparison.Ordinal);
        if (prefixed && name.Length == 71)
            return metadata.GetImage(name);
        if (!prefixed && TryParse(name) is ImageReference reference)
        {
            string? id = reference.Digest is not null
                ? metadata.ResolveRepoDigest(reference.WithoutTag().ToString())
                : metadata.ResolveTag(reference.ToString());
            if (id is not null)
                return metadata.GetImage(id);
        }
        if (ObjectId.IsPrefix(name))
        {
            var ids = metadata.FindImageIds(ObjectId.TrimAlgorithm(name));
            if (ids.Count == 1)
                return metadata.GetImage(ids[0]);
        }
        return null;
    }

    /// <summary>The chain IDs of an image's layers, bottom first.</summary>
    public static IReadOnlyList<string> ChainOf(Image image) => ChainId.For(image.DiffIds);

    private static ImageReference? TryParse(string name)
    {
        try { return ImageReference.Parse(name); }
        catch (BerthException) { return null; }
    }

    /// <summary>How Docker names a missing image in its error: <c>busybox:latest</c>.</summary>
    private static string Display(string name)
    {
        return name.StartsWith("sha256:", StringComparison.Ordinal) ? name : TryParse(name)?.FamiliarString ?? name;
    }
}
