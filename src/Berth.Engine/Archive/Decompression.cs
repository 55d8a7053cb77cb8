using System.IO.Compression;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>Opens a layer or archive whatever its compression (none, gzip, zstd), recognised by magic bytes.</summary>
public static class Decompression
{
    /// <summary>A stream the engine stored itself (save, push): no limits.</summary>
    public static Task<Stream> OpenAsync(Stream input, CancellationToken ct) => OpenAsync(input, ArchiveLimits.None, ct);

    public static async Task<Stream> OpenAsync(Stream input, ArchiveLimits limits, CancellationToken ct) => (await DetectAsync(input, limits, ct)).Stream;

    /// <summary>
    /// The uncompressed stream, and whether the input was compressed at all. A compressed
    /// stream's growth is held to <paramref name="limits"/> (<see cref="ExpansionGuard"/>).
    /// </summary>
    public static async Task<(Stream Stream, bool Compressed)> DetectAsync(Stream input, ArchiveLimits limits, CancellationToken ct)
    {
        var buffered = new BufferedStream(input, 1 << 16);
        byte[] magic = new byte[4];
        int n = 0;
        // BufferedStream has no peek; read the magic and put it back in front.
        while (n < 4)
        {
            int r = await buffered.ReadAsync(magic.AsMemory(n), ct);
            if (r == 0) break;
            n += r;
        }
        Stream stream = new PrefixedStream(magic.AsMemory(0, n), buffered);
        if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            var counted = new Distribution.CountingStream(stream, null);
            return (new ExpansionGuard(new GZipStream(counted, CompressionMode.Decompress), counted, limits), true);
        }
        if (n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
            return (new ZstdSharp.DecompressionStream(stream, leaveOpen: false), true); // OCI's tar+zstd layers
        if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h')
            throw BerthException.Invalid("bzip2-compressed archives are not supported");
        if (n >= 4 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X')
            throw BerthException.Invalid("xz-compressed archives are not supported");
        return (stream, false);
    }
}
