using Berth.Core.Images;

namespace Berth.Core.Distribution;

/// <summary>Opens repositories and checks logins. One per daemon: it holds the connection pool and token cache.</summary>
public interface IRegistryClient
{
    /// <summary>A client for <paramref name="name"/>'s repository; <paramref name="push"/> asks for push scope.</summary>
    IRepositoryClient Open(ImageReference name, RegistryCredentials credentials, bool push);

    /// <summary>
    /// The same repository at each configured mirror, in order, for a pull of a Docker Hub name
    /// (<c>registry-mirrors</c>); empty for any other registry.
    /// </summary>
    IReadOnlyList<IRepositoryClient> OpenMirrors(ImageReference name);

    /// <summary>Checks credentials against a registry; returns the identity token it gave, or "".</summary>
    Task<string> LoginAsync(string server, RegistryCredentials credentials, CancellationToken ct);

    /// <summary>
    /// The index's search (<c>GET /v1/search?q=TERM&amp;n=LIMIT</c> at <paramref name="indexHost"/>):
    /// its JSON answer, or a failure in dockerd's words (an unreachable index, "Unexpected status code N").
    /// </summary>
    Task<byte[]> SearchAsync(string indexHost, string term, int limit, RegistryCredentials credentials, CancellationToken ct);
}
