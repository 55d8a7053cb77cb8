using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// What an untrusted archive or layer may cost to unpack (import, load, pull, build context):
/// set in <c>daemon.json</c>, generous by default so that no real image comes near them.
/// They stop decompression bombs and tar files that are all headers before they fill the disk
/// or the inode table. An expansion ratio alone would refuse a layer of zeros of any size, so
/// the ratio counts only past <see cref="ExpansionFloor"/> decompressed bytes.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>The defaults: 100:1 past 1 GiB, 1 TiB in all, 4 million entries, indexes 8 deep.</summary>
    public static readonly ArchiveLimits Default = new();

    /// <summary>No limits: for streams the engine wrote itself (save, push read stored blobs).</summary>
    public static readonly ArchiveLimits None = new()
    {
        MaxExpansionRatio = 0, MaxDecompressedSize = long.MaxValue, MaxEntries = long.MaxValue, MaxIndexDepth = int.MaxValue,
    };

    /// <summary>Decompressed bytes per compressed byte, once past the floor; 0 for no ratio check.</summary>
    public int MaxExpansionRatio { get; init; } = 100;

    /// <summary>Decompressed bytes below which the ratio is not checked (a sparse or zero-filled file compresses well).</summary>
    public long ExpansionFloor { get; init; } = 1L << 30;

    /// <summary>Decompressed bytes one compressed stream may give.</summary>
    public long MaxDecompressedSize { get; init; } = 1L << 40;

    /// <summary>Entries (files, directories, links) in one tar.</summary>
    public long MaxEntries { get; init; } = 4_000_000;

    /// <summary>How deep image indexes may nest below the top one (real images use one level).</summary>
    public int MaxIndexDepth { get; init; } = 8;

    /// <summary>Throws if <paramref name="decompressed"/> bytes out of <paramref name="compressed"/> are past a limit.</summary>
    public void CheckExpansion(long compressed, long decompressed)
    {
        if (decompressed > MaxDecompressedSize)
            throw BerthException.Invalid($"refusing to decompress more than {MaxDecompressedSize} bytes from one stream (possible decompression bomb)");
        if (MaxExpansionRatio > 0 && decompressed > ExpansionFloor && decompressed / Math.Max(compressed, 1) > MaxExpansionRatio)
            throw BerthException.Invalid(
                $"refusing to decompress {decompressed} bytes from {compressed}: expansion past {MaxExpansionRatio}:1 (possible decompression bomb)");
    }

    /// <summary>Throws once a tar has more than <see cref="MaxEntries"/> entries.</summary>
    public void CheckEntries(long entries)
    {
        if (entries > MaxEntries)
            throw BerthException.Invalid($"refusing an archive of more than {MaxEntries} entries");
    }
}
