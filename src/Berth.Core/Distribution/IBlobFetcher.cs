namespace Berth.Core.Distribution;

/// <summary>Reads blobs of one repository, verified against their digests while they stream.</summary>
public interface IBlobFetcher
{
    /// <summary>
    /// The blob's bytes; reading past <see cref="Descriptor.Size"/> or to an end whose digest
    /// differs throws, so a consumer never acts on the end of a corrupt blob.
    /// </summary>
    Task<Stream> OpenBlobAsync(Descriptor blob, CancellationToken ct);
}
