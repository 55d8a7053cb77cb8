using Berth.Core.Content;
using Berth.Core.Images;
using Berth.Engine.Archive;
using Berth.Core.Snapshots;

namespace Berth.Engine.Images;

/// <summary>
/// The one way a layer stream becomes a layer, for load, import and commit (and pull and
/// build to come). One pass over the stream, each byte hashed once:
/// <code>
///   stream ──tee──► content writer (blob digest, blob stored once, in ingest)
///      │
///      └─► decompress (gzip or none) ──► DiffID hash ──► tar ──► safe extractor ──► prepared snapshot
/// </code>
/// The result is an <see cref="UnpackedLayer"/>: nothing is visible until it is committed
/// under a chain ID, which needs the parent, which a docker-archive may only name at its end.
/// A failed or cancelled unpack leaves nothing: the ingest is removed, the snapshot aborted.
/// </summary>
public sealed class Unpacker(IContentStore content, ILayerSnapshotter snapshots, ArchiveLimits limits)
{
    public Unpacker(IContentStore content, ILayerSnapshotter snapshots) : this(content, snapshots, ArchiveLimits.Default) { }

    /// <summary>What an untrusted layer or archive may cost to unpack.</summary>
    public ArchiveLimits Limits => limits;

    /// <summary>Unpacks <paramref name="blob"/> (read to its end; the caller keeps it) into a prepared snapshot.</summary>
    public async Task<UnpackedLayer> ApplyAsync(Stream blob, CancellationToken ct)
    {
        var writer = content.CreateWriter();
        string prepared = snapshots.PrepareLayer();
        try
        {
            var info = await LayerExtractor.ExtractAsync(blob, Path.Combine(prepared, "diff"), writer, limits, ct);
            return new UnpackedLayer(snapshots, writer, prepared, info);
        }
        catch
        {
            snapshots.AbortLayer(prepared);
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Unpacks a blob the content store already holds; its commit stores nothing new. The
    /// digests are computed again on the way, so the result is what unpacking the stream would give.
    /// </summary>
    public async Task<UnpackedLayer> ApplyStoredAsync(string digest, CancellationToken ct)
    {
        string prepared = snapshots.PrepareLayer();
        try
        {
            LayerInfo info;
            await using (var blob = content.Open(digest))
                info = await LayerExtractor.ExtractAsync(blob, Path.Combine(prepared, "diff"), limits, ct);
            return new UnpackedLayer(snapshots, null, prepared, info);
        }
        catch
        {
            snapshots.AbortLayer(prepared);
            throw;
        }
    }

    /// <summary>Whether the content store holds this blob (a layer loaded before, say).</summary>
    public bool HasBlob(string digest) => content.Exists(digest);

    /// <summary>A stored blob's bytes (a config); null if it is larger than <paramref name="limit"/>.</summary>
    public async Task<byte[]?> ReadBlobAsync(string digest, long limit, CancellationToken ct)
    {
        await using var blob = content.Open(digest);
        if (blob.Length > limit)
            return null;
        var bytes = new MemoryStream();
        await blob.CopyToAsync(bytes, ct);
        return bytes.ToArray();
    }

    /// <summary>Unpacks and commits on top of <paramref name="parentChain"/> (empty for a base layer).</summary>
    public async Task<Layer> UnpackAsync(Stream blob, string parentChain, CancellationToken ct)
    {
        await using var unpacked = await ApplyAsync(blob, ct);
        return await unpacked.CommitAsync(parentChain, ct);
    }
}
