using Berth.Core.Errors;

namespace Berth.Engine.Distribution;

/// <summary>Reads untrusted bodies into memory only up to a bound: a registry cannot make berthd allocate at will.</summary>
internal static class Bounded
{
    public const int MaxManifest = 4 << 20;
    public const int MaxConfig = 8 << 20;
    public const int MaxToken = 1 << 20;

    public static async Task<byte[]> ReadAsync(HttpContent content, int max, CancellationToken ct)
    {
        if (content.Headers.ContentLength > max)
            throw BerthException.Invalid($"registry response of {content.Headers.ContentLength} bytes exceeds the limit of {max}");
        await using var stream = await content.ReadAsStreamAsync(ct);
        return await ReadAsync(stream, max, ct);
    }

    public static async Task<byte[]> ReadAsync(Stream stream, int max, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > max)
                throw BerthException.Invalid($"registry response exceeds the limit of {max} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
