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
        bool freeze = pause && c.State.Status == ContainerStatus.Running && await TryFreezeAsync(c.Id, ct);
        try
        {
            string imageId = await CommitAsync(c, snapshots.UpperOf(c.Id), options, ct);
            events.Publish("container", "commit", c.Id, ContainerEvents.Attributes(c, ("comment", options.Comment ?? ""), ("imageID", imageId)));
            return imageId;
        }
        finally
        {
            if (freeze)
                await TryThawAsync(c.Id);
        }
    }

    /// <summary>
    /// Pauses for the commit. A container whose process is exiting as the commit comes (docker-py
    /// commits a container right after starting `touch x`) can no longer be paused, and needs not
    /// be: Docker ignores the pause's failure and commits all the same, and so does Berth.
    /// </summary>
    private async Task<bool> TryFreezeAsync(string id, CancellationToken ct)
    {
        try
        {
            await freezer.PauseAsync(id, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Unpauses after the commit; a container that exited while paused has nothing left to thaw.</summary>
    private async Task TryThawAsync(string id)
    {
        try
        {
            await freezer.UnpauseAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }
    }
}
