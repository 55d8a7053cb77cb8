using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Images;

namespace Berth.Engine.Distribution;

/// <summary>
/// pull, push and login as the Engine API offers them: opens the repository with the caller's
/// credentials and hands it to the image service, which owns what is stored.
/// </summary>
public sealed partial class DistributionService(IRegistryClient registry, ImageService images)
{
    /// <summary>
    /// <c>POST /images/create?fromImage=NAME&amp;tag=TAG</c>: TAG may be a digest; an empty TAG
    /// keeps NAME's own tag or digest, else pulls every tag (the docker CLI's <c>--all-tags</c>).
    /// A Docker Hub name is tried at each <c>registry-mirrors</c> entry first; a mirror that
    /// fails in any way (down, no such image, a bad blob) passes the pull on, as dockerd's.
    /// </summary>
    public async Task PullAsync(string fromImage, string? tag, string? platform, RegistryCredentials credentials,
        IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        ImageReference reference = Target(fromImage, tag);
        Platform? chosen = string.IsNullOrEmpty(platform) ? null : Platform.Parse(platform);
        foreach (IRepositoryClient mirror in registry.OpenMirrors(reference))
        {
            try
            {
                await images.PullAsync(reference, chosen, mirror, progress, ct);
                return;
            }
            catch (Exception e) when (e is BerthException or HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                // The next mirror, then Docker Hub itself.
            }
        }
        await images.PullAsync(reference, chosen, registry.Open(reference, credentials, push: false), progress, ct);
    }

    /// <summary><c>POST /images/NAME/push?tag=TAG</c>: an empty TAG pushes every tag of NAME's repository.</summary>
    public Task PushAsync(string name, string? tag, RegistryCredentials credentials, IProgress<ProgressUpdate> progress, CancellationToken ct)
    {
        var named = ImageReference.ParseNamed(name);
        ImageReference reference = string.IsNullOrEmpty(tag) ? named : Target(name, tag);
        if (reference.Digest is not null)
            throw BerthException.Invalid("cannot push a digest reference");
        return images.PushAsync(reference, registry.Open(reference, credentials, push: true), progress, ct);
    }

    /// <summary><c>POST /auth</c>: the identity token the registry gave, or "".</summary>
    public Task<string> LoginAsync(RegistryCredentials credentials, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(credentials.Username) && string.IsNullOrEmpty(credentials.IdentityToken))
            throw BerthException.Invalid("Username is required");
        return registry.LoginAsync(credentials.ServerAddress ?? "https://index.docker.io/v1/", credentials, ct);
    }

    /// <summary>NAME plus the API's separate tag parameter (which may hold a digest), as moby's <c>postImagesCreate</c>; a bare NAME stays bare.</summary>
    public static ImageReference Target(string name, string? tag)
    {
        var named = ImageReference.ParseNamed(name);
        if (string.IsNullOrEmpty(tag))
            return named; // no tag: all tags, as the API says
        if (Digest.TryParse(tag, out var digest))
            return ImageReference.Parse(named.WithoutTag().WithoutDigest().FullName + "@" + digest);
        return ImageReference.Parse(named.WithoutTag().WithoutDigest().FullName + ":" + tag);
    }
}
