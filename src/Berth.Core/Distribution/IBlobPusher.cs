namespace Berth.Core.Distribution;

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
