using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary>One line of <c>DELETE /images/{name}</c>'s answer.</summary>
public sealed record ImageDeleteItem(string? Untagged, string? Deleted);

public sealed partial class ImageService
{
    /// <summary>
    /// Removes a tag, and the image when no tag is left; by ID, the image and all its tags
    /// (forced when it has several). Images used by containers stay unless forced, and never
    /// when a running container uses them.
    /// </summary>
    public IReadOnlyList<ImageDeleteItem> Remove(string name, bool force)
    {
        Image image = images.Resolve(name);
        string shortId = image.Id[7..19];
        var result = new List<ImageDeleteItem>();
        string? reference = TryReference(name);
        bool byTag = reference is not null && image.Tags.Contains(reference);

        if (byTag && image.Tags.Count > 1)
        {
            metadata.Untag(reference!);
            Emit(image.Id, "untag", Familiar(reference!));
            return [new ImageDeleteItem(Familiar(reference!), null)];
        }
        if (!byTag && image.Tags.Count > 1 && !force)
            throw BerthException.Conflict($"conflict: unable to delete {shortId} (must be forced) - image is referenced in multiple repositories");

        if (UsedBy(image.Id) is var (container, running))
        {
            if (running)
                throw BerthException.Conflict($"conflict: unable to delete {shortId} (cannot be forced) - image is being used by running container {container[..12]}");
            if (!force)
                throw BerthException.Conflict(byTag
                    ? $"conflict: unable to remove repository reference \"{Familiar(reference!)}\" (must force) - container {container[..12]} is using its referenced image {shortId}"
                    : $"conflict: unable to delete {shortId} (must be forced) - image is being used by stopped container {container[..12]}");
            foreach (string tag in image.Tags)
            {
                metadata.Untag(tag);
                result.Add(new ImageDeleteItem(Familiar(tag), null));
            }
            return result; // Docker keeps a forced-out image that containers still use, untagged.
        }

        foreach (string tag in image.Tags)
            result.Add(new ImageDeleteItem(Familiar(tag), null));
        Delete(image, result);
        // As Docker: the untagged images it was built on go too, while nothing else needs them.
        for (Image? parent = ParentToPrune(image); parent is not null; parent = ParentToPrune(parent))
            Delete(parent, result);
        // The compressed copies of the dead layers (pulled or made by a push) go with the collector.
        Garbage.CollectWhenIdle();
        return result;
    }

    private void Delete(Image image, List<ImageDeleteItem> result)
    {
        int at = result.Count;
        foreach (Layer dead in metadata.DeleteImage(image.Id))
        {
            snapshots.RemoveLayer(dead.ChainId);
            content.Delete(dead.BlobDigest);
            result.Add(new ImageDeleteItem(null, dead.ChainId));
        }
        content.Delete(image.Id);
        Emit(image.Id, "delete");
        result.Insert(at, new ImageDeleteItem(null, image.Id));
    }

    /// <summary>The image's parent if it is an untagged intermediate image no other image or container uses.</summary>
    private Image? ParentToPrune(Image image)
    {
        if (image.Parent.Length == 0 || images.TryResolve(image.Parent) is not { Tags.Count: 0 } parent)
            return null;
        if (metadata.ListImages().Any(i => i.Parent == parent.Id) || UsedBy(parent.Id) is not null)
            return null;
        return parent;
    }

    /// <summary>A container created from the image (the newest), and whether it has live processes.</summary>
    private (string Id, bool Running)? UsedBy(string imageId)
    {
        var user = containers.UsingImage(imageId).FirstOrDefault();
        return user is null ? null : (user.Id, user.State.Status is ContainerStatus.Running or ContainerStatus.Paused);
    }

    private static string? TryReference(string name)
    {
        try { return name.StartsWith("sha256:", StringComparison.Ordinal) ? null : ImageReference.Parse(name).ToString(); }
        catch (BerthException) { return null; }
    }

    public static string Familiar(string normalized) => ImageReference.Parse(normalized).FamiliarString;
}
