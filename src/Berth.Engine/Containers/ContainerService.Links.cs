using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>docker rm --link /PARENT/ALIAS</c>: the parent forgets the legacy link (its /etc/hosts
    /// too, if it runs); neither container is removed. A name that is not a link is not found,
    /// as Docker, where link names are container names.
    /// </summary>
    public async Task RemoveLinkAsync(string linkName, CancellationToken ct)
    {
        string name = "/" + linkName.TrimStart('/');
        int slash = name.LastIndexOf('/');
        if (slash == 0)
            throw BerthException.Invalid("Conflict, cannot remove the default link name of the container");
        string parentName = name[1..slash];
        ContainerHandle handle;
        try
        {
            handle = Find(parentName);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw BerthException.NotFound($"No such container: {name}");
        }
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            string suffix = $":/{c.Name}/{name[(slash + 1)..]}";
            var links = c.HostConfig.Links ?? [];
            if (!links.Any(l => l.EndsWith(suffix, StringComparison.Ordinal)))
                throw BerthException.NotFound($"No such container: {name}");
            var kept = links.Where(l => !l.EndsWith(suffix, StringComparison.Ordinal)).ToList();
            Update(handle, x => x with { HostConfig = x.HostConfig with { Links = kept } });
            if (handle.IsRunning)
                RewriteEtcFiles(handle.Current);
        }
        finally
        {
            handle.Lock.Release();
        }
    }
}
