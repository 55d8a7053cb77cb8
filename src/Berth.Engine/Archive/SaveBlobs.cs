using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// The blobs of a save, gathered before anything is written: the tar lists them in name
/// order, and manifests need every layer's size first. Small blobs are kept in memory;
/// layers are opened again when written (or spooled once when their stream cannot seek).
/// The first image to add a blob decides its time, as in Docker. Spools go to
/// <c>spoolDir</c>, deleted on dispose (and, after a crash, with the daemon's temp directory).
/// </summary>
internal sealed class SaveBlobs(string spoolDir) : IAsyncDisposable
{
    private readonly SortedDictionary<string, Blob> _blobs = new(StringComparer.Ordinal);
    private readonly List<string> _spooled = [];

    private sealed record Blob(DateTimeOffset Time, byte[]? Bytes, ArchiveLayer? Layer, long Size, string? SpoolPath);

    /// <summary>The time of <c>blobs/</c>: the last image's, set by the caller after each image.</summary>
    public DateTimeOffset BlobsDirectoryTime { get; set; } = DateTimeOffset.UnixEpoch;

    public string AddBlob(byte[] bytes, DateTimeOffset time)
    {
        var digest = Digest.FromBytes(bytes);
        _blobs.TryAdd(digest.Hex, new Blob(time, bytes, null, bytes.Length, null));
        return digest;
    }

    public async Task<long> AddLayerAsync(ArchiveLayer layer, DateTimeOffset time, CancellationToken ct)
    {
        string hex = Digest.Parse(layer.DiffId).Hex;
        if (_blobs.TryGetValue(hex, out var known))
            return known.Size;
        await using var stream = await layer.OpenAsync(ct);
        long size;
        string? spool = null;
        if (stream.CanSeek)
            size = stream.Length - stream.Position;
        else
        {
            spool = Path.Combine(spoolDir, "save-" + Guid.NewGuid().ToString("N"));
            _spooled.Add(spool);
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write))
                await stream.CopyToAsync(file, ct);
            size = new FileInfo(spool).Length;
        }
        _blobs[hex] = new Blob(time, null, layer, size, spool);
        return size;
    }

    public async Task WriteBlobsAsync(UstarWriter tar, CancellationToken ct)
    {
        await tar.WriteDirectoryAsync("blobs/", BlobsDirectoryTime, ct);
        await tar.WriteDirectoryAsync("blobs/sha256/", DateTimeOffset.UnixEpoch, ct);
        foreach (var (hex, blob) in _blobs)
        {
            string name = "blobs/sha256/" + hex;
            if (blob.Bytes is not null)
            {
                await tar.WriteFileAsync(name, blob.Bytes, blob.Time, ct);
                continue;
            }
            await using var source = blob.SpoolPath is not null ? File.OpenRead(blob.SpoolPath) : await blob.Layer!.OpenAsync(ct);
            await using var hashing = new HashingStream(source);
            await tar.WriteFileAsync(name, hashing, blob.Size, blob.Time, ct);
            if (hashing.Digest() != blob.Layer!.DiffId)
                throw new BerthException(ErrorKind.Internal, $"layer {blob.Layer.DiffId} does not match its content");
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (string path in _spooled)
            File.Delete(path);
        return ValueTask.CompletedTask;
    }
}
