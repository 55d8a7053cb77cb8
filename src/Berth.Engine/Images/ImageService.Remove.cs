using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Images;

/// <summary>One line of <c>DELETE /images/{name}</c>'s answer.</summary>
public sealed record ImageDeleteItem(string? Untagged, string? Deleted);

public sealed partial class ImageService
{
    /// <summary>
    /// Removes a tag (or a <c>repo@digest</c>), and the image when no reference is left; by ID,
    /// the image and all its references (forced when it has tags in several repositories).
    /// Images used by containers stay unless forced, and never when a running container uses them.
    /// </summary>
    public IReadOnlyList<ImageDeleteItem> Remove(string name, bool force)
    {
        Image image = images.Resolve(name);
        string shortId = image.Id[7..19];
        var result = new List<ImageDeleteItem>();
        string? reference = TryReference(name);
        bool byTag = reference is not null && (image.Tags.Contains(reference) || image.RepoDigests.Contains(reference));

        if (byTag && ReferencesLeft(image, reference!) is { Count: > 0 } left)
        {
            // As Docker: once no tag of the repository is left, its digests go with the tag.
            var digests = left.Any(r => image.Tags.Contains(r) && SameRepository(r, reference!)) ? []
                : image.RepoDigests.Where(d => d != reference && SameRepository(d, reference!)).ToList();
            if (left.Count > digests.Count)
            {
                Untag(image, reference!, result);
                foreach (string digest in digests)
                    Untag(image, digest, result);
                return result;
            }
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
            foreach (string r in image.Tags.Concat(image.RepoDigests))
                Untag(image, r, result);
            return result; // Docker keeps a forced-out image that containers still use, untagged.
        }

        foreach (string r in image.Tags.Concat(image.RepoDigests))
            result.Add(new ImageDeleteItem(Familiar(r), null));
        Delete(image, result);
        // As Docker: the untagged images it was built on go too, while nothing else needs them.
        for (Image? parent = ParentToPrune(image); parent is not null; parent = ParentToPrune(parent))
            Delete(parent, result);
        // The compressed copies of the dead layers (pulled or made by a push) go with the collector.
        Garbage.CollectWhenIdle();
        return result;
    }

    /// <summary>The image's tags and digests but <paramref name="reference"/>.</summary>
    private static List<string> ReferencesLeft(Image image, string reference) =>
        image.Tags.Concat(image.RepoDigests).Where(r => r != reference).ToList();

    private static bool SameRepository(string a, string b) => ImageReference.Parse(a).FullName == ImageReference.Parse(b).FullName;

    /// <summary>Drops one tag or digest of the image, with its untag event and answer line.</summary>
    private void Untag(Image image, string reference, List<ImageDeleteItem> result)
    {
        if (image.Tags.Contains(reference))
            metadata.Untag(reference);
        else
            metadata.RemoveRepoDigest(reference);
        Emit(image.Id, "untag", image.Id); // dockerd names the image by its ID here, not by the tag that went
        result.Add(new ImageDeleteItem(Familiar(reference), null));
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
