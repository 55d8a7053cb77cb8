using Berth.Core.Images;

namespace Berth.Core.Distribution;

/// <summary>A manifest or index as fetched: its exact bytes, their digest and media type.</summary>
public sealed record FetchedManifest(Descriptor Descriptor, byte[] Content);

/// <summary>Resolves a tag or digest of one repository to the manifest it names.</summary>
public interface IManifestResolver
{
    /// <summary><paramref name="reference"/> is a tag or a digest; 404s become <see cref="RegistryException"/>.</summary>
    Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken ct);

    /// <summary>The repository's tags (<c>GET /v2/NAME/tags/list</c>, every page).</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken ct);
}

/// <summary>Reads blobs of one repository, verified against their digests while they stream.</summary>
public interface IBlobFetcher
{
    /// <summary>
    /// The blob's bytes; reading past <see cref="Descriptor.Size"/> or to an end whose digest
    /// differs throws, so a consumer never acts on the end of a corrupt blob.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken ct);
}

/// <summary>Writes blobs and manifests to one repository.</summary>
public interface IBlobPusher
{
    Task<bool> BlobExistsAsync(string digest, CancellationToken ct);

    /// <summary>Asks the registry to link a blob from another repository of the same registry; false if it would not.</summary>
    Task<bool> MountBlobAsync(string digest, string fromRepository, CancellationToken ct);

    /// <summary>Uploads <paramref name="content"/>, reporting bytes sent; the registry checks the digest.</summary>
    Task PushBlobAsync(Descriptor blob, Stream content, IProgress<long>? sent, CancellationToken ct);

    /// <summary>PUTs a manifest under a tag or digest; returns the digest the registry names it by.</summary>
    Task<string> PutManifestAsync(string reference, string mediaType, byte[] content, CancellationToken ct);
}

/// <summary>One repository of one registry, with the caller's credentials: all three roles.</summary>
public interface IRepositoryClient : IManifestResolver, IBlobFetcher, IBlobPusher
{
    /// <summary>The repository path at the registry: <c>library/busybox</c>.</summary>
    string Repository { get; }
}

/// <summary>Opens repositories and checks logins. One per daemon: it holds the connection pool and token cache.</summary>
public interface IRegistryClient
{
    /// <summary>A client for <paramref name="name"/>'s repository; <paramref name="push"/> asks for push scope.</summary>
    IRepositoryClient Open(ImageReference name, RegistryCredentials credentials, bool push);

    /// <summary>Checks credentials against a registry; returns the identity token it gave, or "".</summary>
    Task<string> LoginAsync(string server, RegistryCredentials credentials, CancellationToken ct);
}
