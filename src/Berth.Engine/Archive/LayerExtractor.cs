using System.Formats.Tar;
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
public static class LayerExtractor
{
    public static async Task<LayerInfo> ExtractAsync(Stream layer, string root, CancellationToken ct)
    {
        var raw = new HashingStream(layer); // does not dispose the caller's stream
        var (uncompressed, compressed) = await Decompression.DetectAsync(raw, ct);
        await using var tar = new HashingStream(uncompressed);
        var applier = new LayerEntryApplier(root);
        long size = 0;
        try
        {
            await using (var reader = new TarReader(tar, leaveOpen: true))
            {
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
                    size += await applier.ApplyAsync(entry, ct);
            }
            await tar.DrainAsync(ct);
            await raw.DrainAsync(ct);
            // Before disposing: the chain of streams ends in raw, whose hash goes with it.
            applier.SetDirectoryTimes();
            return new LayerInfo(tar.Digest(), size, tar.BytesRead, compressed ? raw.Digest() : null);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw BerthException.Invalid($"invalid tar archive: {e.Message}");
        }
        finally
        {
            await uncompressed.DisposeAsync();
        }
    }
}
