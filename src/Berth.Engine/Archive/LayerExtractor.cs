using System.Formats.Tar;
using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// Applies an image layer (a tar, maybe gzip-compressed) to a directory used as an overlay
/// lower or upper dir: OCI whiteouts become overlay whiteouts (see <see cref="Whiteout"/>).
/// The archive is untrusted: paths are confined by <see cref="SafePath"/> (refused, not
/// rewritten), hardlinks must point inside the root, and overlay xattrs are never taken from
/// the archive. The stream is read to its end, so the digests cover all of it; the caller
/// keeps ownership of <c>layer</c>.
/// </summary>
/// <remarks>
/// One pass, each byte stream hashed once: the blob as received (by the content writer when
/// one is given, which also stores it; else here), and the uncompressed tar only when it
/// differs from the blob. An uncompressed layer's DiffID is its blob's digest.
/// </remarks>
public static class LayerExtractor
{
    /// <summary>A layer or build context under the default limits.</summary>
    public static Task<LayerInfo> ExtractAsync(Stream layer, string root, CancellationToken ct) => ExtractAsync(layer, root, ArchiveLimits.Default, ct);

    public static Task<LayerInfo> ExtractAsync(Stream layer, string root, ArchiveLimits limits, CancellationToken ct) =>
        ExtractAsync(layer, root, null, ExtractOptions.Layer, limits, ct);

    /// <summary>
    /// A tar that is not a layer (<c>docker cp</c>) into a directory, as <paramref name="options"/>
    /// say. Nothing names it by digest, so nothing hashes it.
    /// </summary>
    public static async Task ExtractIntoAsync(Stream tar, string directory, ExtractOptions options, CancellationToken ct)
    {
        var (uncompressed, _) = await Decompression.DetectAsync(tar, ArchiveLimits.Default, ct);
        try
        {
            var applier = new LayerEntryApplier(directory, options);
            await ApplyEntriesAsync(uncompressed, applier, ArchiveLimits.Default, ct);
            // The client's whole body read, so its last write does not meet a closed connection.
            await DrainAsync(uncompressed, ct);
            await DrainAsync(tar, ct);
            applier.SetDirectoryTimes();
        }
        catch (Exception e) when (MalformedTar.Is(e))
        {
            throw MalformedTar.Error("invalid tar archive", e);
        }
        finally
        {
            await uncompressed.DisposeAsync();
        }
    }

    /// <summary>As above, and every byte of <paramref name="layer"/> also goes to <paramref name="blob"/>.</summary>
    public static Task<LayerInfo> ExtractAsync(Stream layer, string root, IContentWriter? blob, ArchiveLimits limits, CancellationToken ct) =>
        ExtractAsync(layer, root, blob, ExtractOptions.Layer, limits, ct);

    private static async Task<LayerInfo> ExtractAsync(Stream layer, string root, IContentWriter? blob, ExtractOptions options,
        ArchiveLimits limits, CancellationToken ct)
    {
        var hashedRaw = blob is null ? new HashingStream(layer) : null; // neither disposes the caller's stream
        Stream raw = blob is null ? hashedRaw! : new TeeStream(layer, blob);
        var (uncompressed, compressed) = await Decompression.DetectAsync(raw, limits, ct);
        var hashedTar = compressed ? new HashingStream(uncompressed) : null;
        Stream tar = hashedTar ?? uncompressed;
        var applier = new LayerEntryApplier(root, options);
        try
        {
            long size = await ApplyEntriesAsync(tar, applier, limits, ct);
            // Tar's trailing blocks, then whatever follows the compressed stream: all of it is the blob.
            await DrainAsync(tar, ct);
            await DrainAsync(raw, ct);
            applier.SetDirectoryTimes();
            string rawDigest = hashedRaw?.Digest() ?? await blob!.DigestAsync(ct);
            long rawSize = hashedRaw?.BytesRead ?? blob!.Size;
            return compressed
                ? new LayerInfo(hashedTar!.Digest(), size, hashedTar.BytesRead, rawDigest)
                : new LayerInfo(rawDigest, size, rawSize);
        }
        catch (Exception e) when (MalformedTar.Is(e))
        {
            throw MalformedTar.Error("invalid tar archive", e);
        }
        finally
        {
            if (hashedTar is not null)
                await hashedTar.DisposeAsync();
            await uncompressed.DisposeAsync();
        }
    }

    /// <summary>Applies every entry of the tar, no more of them than the limits allow; the file content bytes added.</summary>
    private static async Task<long> ApplyEntriesAsync(Stream tar, LayerEntryApplier applier, ArchiveLimits limits, CancellationToken ct)
    {
        long size = 0, entries = 0;
        await using var reader = new TarReader(tar, leaveOpen: true);
        TarEntry? entry;
        while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
        {
            limits.CheckEntries(++entries);
            size += await applier.ApplyAsync(entry, ct);
        }
        return size;
    }

    private static async Task DrainAsync(Stream stream, CancellationToken ct)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (await stream.ReadAsync(buffer, ct) > 0) { }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
