using System.IO.Compression;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>Opens a layer or archive whatever its compression (none, gzip, zstd), recognised by magic bytes.</summary>
public static class Decompression
{
    public static async Task<Stream> OpenAsync(Stream input, CancellationToken ct) => (await DetectAsync(input, ct)).Stream;

    /// <summary>The uncompressed stream, and whether the input was compressed at all.</summary>
    public static async Task<(Stream Stream, bool Compressed)> DetectAsync(Stream input, CancellationToken ct)
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
            return (new GZipStream(stream, CompressionMode.Decompress), true);
        if (n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd)
            return (new ZstdSharp.DecompressionStream(stream, leaveOpen: false), true); // OCI's tar+zstd layers
        if (n >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h')
            throw BerthException.Invalid("bzip2-compressed archives are not supported");
        if (n >= 4 && magic[0] == 0xfd && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X')
            throw BerthException.Invalid("xz-compressed archives are not supported");
        return (stream, false);
    }
}
