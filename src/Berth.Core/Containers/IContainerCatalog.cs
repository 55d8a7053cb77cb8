namespace Berth.Core.Containers;

/// <summary>
/// What other parts of the engine may ask about containers: the networks (who is on a
/// network, who answers a name), images (who uses an image), system info. Read-only; the
/// container service alone changes containers.
/// </summary>
public interface IContainerCatalog
{
    /// <summary>Every container, newest first.</summary>
    IReadOnlyList<Container> List();

    /// <summary>By full ID, then exact name, then unique ID prefix (Docker's order); NotFound otherwise.</summary>
    Container Get(string idOrName);

    /// <summary>Containers with live processes: running, paused, or restarting.</summary>
    IReadOnlyList<Container> Running();

    /// <summary>Containers created from the image <paramref name="imageId"/>, newest first.</summary>
    IReadOnlyList<Container> UsingImage(string imageId);
}
