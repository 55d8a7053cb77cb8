using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Content;

/// <summary>
/// Blobs by digest under <c>content/sha256/&lt;hex&gt;</c>. A blob is written to a temp file
/// under <c>content/ingest/</c>, hashed on the way, then renamed into place: a reader never
/// sees a partial blob, and a crash leaves only an ingest file, removed at the next start.
/// </summary>
public sealed class ContentStore : IContentStore
{
    private readonly string _blobs;
    private readonly string _ingest;

    public ContentStore(string root)
    {
        _blobs = Path.Combine(root, Digest.Sha256);
        _ingest = Path.Combine(root, "ingest");
        Directory.CreateDirectory(_blobs);
        if (Directory.Exists(_ingest))
            Directory.Delete(_ingest, recursive: true);
        Directory.CreateDirectory(_ingest);
    }

    public string PathOf(string digest) => Path.Combine(_blobs, Digest.Parse(digest).Hex);

    public bool Exists(string digest) => File.Exists(PathOf(digest));

    public Stream Open(string digest) =>
        File.Exists(PathOf(digest))
            ? new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)
            : throw BerthException.NotFound($"blob {digest} not found");

    public IContentWriter CreateWriter() => new ContentWriter(Path.Combine(_ingest, Guid.NewGuid().ToString("N")), PathOf);

    public async Task<(string Digest, long Size)> WriteAsync(Stream content, string? expected, CancellationToken ct)
    {
        await using var writer = CreateWriter();
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
                await writer.WriteAsync(buffer.AsMemory(0, n), ct);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return (await writer.CommitAsync(expected, ct), writer.Size);
    }

    public Task<(string Digest, long Size)> WriteAsync(byte[] content, CancellationToken ct) =>
        WriteAsync(new MemoryStream(content), null, ct);

    public void Delete(string digest) => File.Delete(PathOf(digest));

    public IEnumerable<string> Walk() =>
        Directory.EnumerateFiles(_blobs).Select(Path.GetFileName).Where(hex => Digest.TryParse(Digest.Sha256 + ":" + hex, out _))
            .Select(hex => Digest.Sha256 + ":" + hex);
}
