using System.Buffers;
using System.Buffers.Binary;

namespace Berth.Client.Streams;

/// <summary>
/// Splits the Engine API's multiplexed stream (attach/logs without a TTY). Each frame is
/// an 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr, 3 systemerr), three zero
/// bytes, big-endian uint32 payload length — followed by the payload.
/// </summary>
public static class StreamDemultiplexer
{
    private const int HeaderSize = 8;

    /// <summary>
    /// Copies frames to <paramref name="stdout"/>/<paramref name="stderr"/> until the source ends.
    /// A system-error frame (type 3) is returned as text instead of being written, so the
    /// caller can report it like docker does.
    /// </summary>
    public static async Task<string?> CopyAsync(Stream source, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (await ReadExactlyOrEndAsync(source, header, cancellationToken).ConfigureAwait(false))
            {
                var kind = header[0];
                var remaining = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                if (kind > 3)
                {
                    throw new InvalidDataException($"Unrecognized input header: {kind}");
                }

                if (kind == 3)
                {
                    var message = new byte[remaining];
                    await source.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
                    return System.Text.Encoding.UTF8.GetString(message);
                }

                var target = kind == 2 ? stderr : stdout;
                while (remaining > 0)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(remaining, (uint)buffer.Length)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new EndOfStreamException("stream ended in the middle of a frame");
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= (uint)read;
                }

                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes one frame header for <paramref name="payloadLength"/> bytes of stream <paramref name="kind"/>.</summary>
    public static void WriteHeader(Span<byte> destination, byte kind, int payloadLength)
    {
        destination[..4].Clear();
        destination[0] = kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payloadLength);
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream source, byte[] header, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < header.Length)
        {
            var read = await source.ReadAsync(header.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return filled == 0 ? false : throw new EndOfStreamException("stream ended in the middle of a frame header");
            }

            filled += read;
        }

        return true;
    }
}
