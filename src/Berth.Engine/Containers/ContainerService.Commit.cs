using Berth.Core.Containers;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>docker commit</c>, the container's side: hands <paramref name="writeImage"/> the
    /// container and its changes (the overlay upper directory) and publishes the commit event.
    /// A running container is frozen meanwhile unless <paramref name="pause"/> is false, as
    /// Docker does, so the layer is one consistent cut of the filesystem.
    /// </summary>
    public async Task<string> CommitAsync(string idOrName, bool pause, string comment,
        Func<Container, string, Task<string>> writeImage, CancellationToken ct)
    {
        var c = Find(idOrName).Current;
        bool freeze = pause && c.State.Status == ContainerStatus.Running;
        if (freeze)
            await PauseAsync(c.Id, ct);
        try
        {
            string imageId = await writeImage(c, _snapshots.UpperOf(c.Id));
            Emit(c, "commit", ("comment", comment), ("imageID", imageId));
            return imageId;
        }
        finally
        {
            if (freeze)
                await UnpauseAsync(c.Id, CancellationToken.None);
        }
    }
}
