using Berth.Core.Content;
using Berth.Core.Images;
using Berth.Engine.Archive;
using Berth.Core.Snapshots;

namespace Berth.Engine.Images;

/// <summary>
/// A layer applied to a prepared snapshot, its blob written (or stored before) but not yet
/// committed. Lifecycle: <see cref="CommitAsync"/> once (blob stored under its digest,
/// snapshot renamed to the chain ID), or dispose, which removes both. Disposing after a
/// commit does nothing.
/// </summary>
public sealed class UnpackedLayer : IAsyncDisposable
{
    private readonly ILayerSnapshotter _snapshots;
    private readonly IContentWriter? _blob;
    private readonly string _prepared;
    private bool _done;

    /// <param name="blob">The blob being written; null if the content store holds it already.</param>
    internal UnpackedLayer(ILayerSnapshotter snapshots, IContentWriter? blob, string prepared, LayerInfo info)
    {
        _snapshots = snapshots;
        _blob = blob;
        _prepared = prepared;
        DiffId = info.DiffId;
        Size = info.Size;
        BlobDigest = info.CompressedDigest ?? info.DiffId;
    }

    /// <summary>The digest of the uncompressed tar.</summary>
    public string DiffId { get; }

    /// <summary>The digest of the stream as received (the DiffID when it was not compressed).</summary>
    public string BlobDigest { get; }

    /// <summary>Bytes of file content unpacked.</summary>
    public long Size { get; }

    /// <summary>Whether it was committed (a second use needs the stored blob unpacked again).</summary>
    public bool IsCommitted => _done;

    /// <summary>
    /// Stores the blob, then gives the snapshot its chain ID on top of
    /// <paramref name="parentChain"/>. If that layer already exists, the new copy is dropped:
    /// same chain ID, same content.
    /// </summary>
    public async Task<Layer> CommitAsync(string parentChain, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        string chain = parentChain.Length == 0 ? DiffId : ChainId.Next(parentChain, DiffId);
        if (_blob is not null)
            await _blob.CommitAsync(BlobDigest, ct);
        _snapshots.CommitLayer(_prepared, chain);
        _done = true;
        if (_blob is not null)
            await _blob.DisposeAsync();
        return new Layer { ChainId = chain, DiffId = DiffId, Parent = parentChain, BlobDigest = BlobDigest, Size = Size };
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
            return;
        _done = true;
        _snapshots.AbortLayer(_prepared);
        if (_blob is not null)
            await _blob.DisposeAsync();
    }
}
