namespace Berth.Core.Content;

/// <summary>
/// Blobs addressed by their digest (<c>sha256:&lt;hex&gt;</c>): image configs and layer blobs as
/// received. A blob is visible only once whole and verified; readers never see a partial one.
/// Writes go through an <see cref="IContentWriter"/>, which hashes the bytes on their way to
/// disk, so a blob is never read back just to learn its digest (containerd's
/// <c>content.Store</c> and <c>content.Writer</c>).
/// </summary>
public interface IContentStore
{
    bool Exists(string digest);

    /// <summary>Opens a stored blob for reading (seekable); NotFound if there is none.</summary>
    Stream Open(string digest);

    /// <summary>
    /// A writer for one new blob. Bytes written are hashed on the way; the blob appears under
    /// its digest only at <see cref="IContentWriter.CommitAsync"/>, and disposing the writer
    /// before that leaves nothing behind.
    /// </summary>
    IContentWriter CreateWriter();

    /// <summary>Stores a whole stream; if <paramref name="expected"/> is given, a mismatch is refused.</summary>
    Task<(string Digest, long Size)> WriteAsync(Stream content, string? expected, CancellationToken ct);

    Task<(string Digest, long Size)> WriteAsync(byte[] content, CancellationToken ct);

    /// <summary>Removes a blob; no error if it is already gone.</summary>
    void Delete(string digest);

    /// <summary>The digests of every committed blob, in no particular order.</summary>
    IEnumerable<string> Walk();
}
