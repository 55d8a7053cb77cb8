using System.Buffers;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// Plain USTAR headers exactly as Go's archive/tar writes them for Docker's archives (octal
/// fields zero-padded and NUL-terminated, device fields filled, no user or group names,
/// checksum "NNNNNN\0 "), so a saved image is byte-identical to <c>docker save</c>'s.
/// Names up to 100 bytes and sizes below 8 GiB: all a docker-archive needs.
/// </summary>
internal sealed class UstarWriter(Stream output)
{
    private const int Block = 512;

    public Task WriteDirectoryAsync(string name, DateTimeOffset modified, CancellationToken ct) =>
        WriteHeaderAsync(name, '5', 0x1ed, 0, modified, ct);

    public async Task WriteFileAsync(string name, byte[] content, DateTimeOffset modified, CancellationToken ct)
    {
        await WriteHeaderAsync(name, '0', 0x1a4, content.Length, modified, ct);
        await output.WriteAsync(content, ct);
        await PadAsync(content.Length, ct);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes from <paramref name="content"/>.</summary>
    public async Task WriteFileAsync(string name, Stream content, long size, DateTimeOffset modified, CancellationToken ct)
    {
        await WriteHeaderAsync(name, '0', 0x1a4, size, modified, ct);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (long left = size; left > 0;)
            {
                int n = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
                if (n == 0)
                    throw new BerthException(ErrorKind.Internal, $"{name} is shorter than its {size} bytes");
                await output.WriteAsync(buffer.AsMemory(0, n), ct);
                left -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await PadAsync(size, ct);
    }

    /// <summary>The end-of-archive marker: two zero blocks, no padding to a record size (as Go).</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        await output.WriteAsync(new byte[2 * Block], ct);
        await output.FlushAsync(ct);
    }

    private async Task WriteHeaderAsync(string name, char type, int mode, long size, DateTimeOffset modified, CancellationToken ct)
    {
        byte[] h = new byte[Block];
        if (Encoding.UTF8.GetBytes(name, h.AsSpan(0, 100)) > 100)
            throw new ArgumentException("name too long for a USTAR header", nameof(name));
        Octal(h, 100, 8, mode);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, modified.ToUnixTimeSeconds());
        h[156] = (byte)type;
        "ustar\0"u8.CopyTo(h.AsSpan(257));
        "00"u8.CopyTo(h.AsSpan(263));
        Octal(h, 329, 8, 0);
        Octal(h, 337, 8, 0);
        h.AsSpan(148, 8).Fill((byte)' ');
        int checksum = 0;
        foreach (byte x in h)
            checksum += x;
        Octal(h, 148, 7, checksum);
        h[155] = (byte)' ';
        await output.WriteAsync(h, ct);
    }

    private static void Octal(byte[] header, int offset, int width, long value)
    {
        string text = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        if (text.Length > width - 1)
            throw new ArgumentOutOfRangeException(nameof(value), "too large for a USTAR header");
        Encoding.ASCII.GetBytes(text, header.AsSpan(offset));
        header[offset + width - 1] = 0;
    }

    private Task PadAsync(long size, CancellationToken ct) =>
        size % Block == 0 ? Task.CompletedTask : output.WriteAsync(new byte[Block - size % Block], ct).AsTask();
}
