namespace Berth.Core.Content;

/// <summary>
/// One blob being written (an "ingest"). Lifecycle: write bytes, then either commit, which
/// stores them under the digest computed on the way (checked against an expected one if
/// given), or dispose without committing, which removes everything written. A writer is
/// used by one caller at a time.
/// </summary>
public interface IContentWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far.</summary>
    long Size { get; }

    /// <summary>The digest of the bytes written so far, without ending the write.</summary>
    string Digest { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>
    /// Makes the blob durable and visible under its digest, which it returns. A mismatch with
    /// <paramref name="expected"/> is refused (InvalidArgument) and nothing is stored.
    /// </summary>
    Task<string> CommitAsync(string? expected, CancellationToken ct);
}
