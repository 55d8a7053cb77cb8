namespace Berth.Core.Images;

/// <summary>
/// Finds images by the names users give them: a full ID, a reference (<c>busybox</c>,
/// <c>host:5000/a/b:tag</c>), or a unique ID prefix, in Docker's order.
/// </summary>
public interface IImageStore
{
    /// <summary>The image <paramref name="name"/> refers to, or a NotFound worded as Docker's.</summary>
    Image Resolve(string name);

    /// <summary>The image <paramref name="name"/> refers to, or null.</summary>
    Image? TryResolve(string name);
}
