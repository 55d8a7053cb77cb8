using Berth.Core.Containers;
using Berth.Engine.Containers;

namespace Berth.Engine.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>docker commit</c> of a container by ID or name: its changes (the writable layer) become
    /// an image (see the other <c>CommitAsync</c>), and a container <c>commit</c> event says so.
    /// A running container is frozen meanwhile unless <paramref name="pause"/> is false, as
    /// Docker does, so the layer is one consistent cut of the filesystem.
    /// </summary>
    public async Task<string> CommitAsync(string containerIdOrName, bool pause, CommitOptions options, CancellationToken ct)
    {
        var c = containers.Get(containerIdOrName);
        bool freeze = pause && c.State.Status == ContainerStatus.Running;
        if (freeze)
            await freezer.PauseAsync(c.Id, ct);
        try
        {
            string imageId = await CommitAsync(c, snapshots.UpperOf(c.Id), options, ct);
            events.Publish("container", "commit", c.Id, ContainerEvents.Attributes(c, ("comment", options.Comment ?? ""), ("imageID", imageId)));
            return imageId;
        }
        finally
        {
            if (freeze)
                await freezer.UnpauseAsync(c.Id, CancellationToken.None);
        }
    }
}
