namespace Berth.Core.Content;

/// <summary>
/// One blob being written (an "ingest"). Lifecycle: write bytes (maybe take the digest), then
/// either commit, which stores them under the digest computed on the way (checked against an
/// expected one if given), or dispose without committing, which removes everything written.
/// A writer is used by one caller at a time.
/// </summary>
public interface IContentWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far.</summary>
    long Size { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>
    /// The digest of everything written. Ends the writing (later writes fail): a writer may
    /// still be hashing and writing in the background, which this waits for.
    /// </summary>
    ValueTask<string> DigestAsync(CancellationToken ct);

    /// <summary>
    /// Makes the blob durable and visible under its digest, which it returns. A mismatch with
    /// <paramref name="expected"/> is refused (InvalidArgument) and nothing is stored.
    /// </summary>
    Task<string> CommitAsync(string? expected, CancellationToken ct);
}
