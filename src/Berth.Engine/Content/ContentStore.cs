using System.Security.Cryptography;
using Berth.Core.Errors;

namespace Berth.Engine.Content;

/// <summary>
/// Blobs by digest under <c>content/sha256/&lt;hex&gt;</c>. A blob is written to a temp file
/// under <c>content/ingest/</c>, hashed on the way, then renamed into place: a reader never
/// sees a partial blob, and a crash leaves only an ingest file, removed at the next start.
/// </summary>
public sealed class ContentStore
{
    private readonly string _blobs;
    private readonly string _ingest;

    public ContentStore(string root)
    {
        _blobs = Path.Combine(root, "sha256");
        _ingest = Path.Combine(root, "ingest");
        Directory.CreateDirectory(_blobs);
        if (Directory.Exists(_ingest))
            Directory.Delete(_ingest, recursive: true);
        Directory.CreateDirectory(_ingest);
    }

    public string PathOf(string digest) => Path.Combine(_blobs, Hex(digest));

    public bool Exists(string digest) => File.Exists(PathOf(digest));

    public Stream Open(string digest) =>
        File.Exists(PathOf(digest))
            ? new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)
            : throw BerthException.NotFound($"blob {digest} not found");

    /// <summary>Stores <paramref name="content"/>; if <paramref name="expected"/> is given, a mismatch is refused.</summary>
    public async Task<(string Digest, long Size)> WriteAsync(Stream content, string? expected, CancellationToken ct)
    {
        string temp = Path.Combine(_ingest, Guid.NewGuid().ToString("N"));
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    int n;
                    while ((n = await content.ReadAsync(buffer, ct)) > 0)
                    {
                        hash.AppendData(buffer, 0, n);
                        await file.WriteAsync(buffer.AsMemory(0, n), ct);
                        size += n;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
                file.Flush(flushToDisk: true);
            }
            string digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (expected is not null && expected != digest)
                throw BerthException.Invalid($"digest mismatch: expected {expected}, got {digest}");
            File.Move(temp, PathOf(digest), overwrite: true);
            return (digest, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<(string Digest, long Size)> WriteAsync(byte[] content, CancellationToken ct) =>
        WriteAsync(new MemoryStream(content), null, ct);

    public void Delete(string digest) => File.Delete(PathOf(digest));

    private static string Hex(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71
            ? digest[7..]
            : throw BerthException.Invalid($"invalid digest {digest}");
}
