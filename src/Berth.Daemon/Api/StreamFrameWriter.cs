using System.Buffers.Binary;
using System.Text;
using Berth.Engine.Logs;

namespace Berth.Daemon.Api;

/// <summary>
/// Writes log entries the way attach and logs deliver them: raw bytes with a TTY, otherwise
/// framed as <c>[stream, 0, 0, 0, size (uint32 big-endian)]</c> + payload.
/// </summary>
internal sealed class StreamFrameWriter(Stream output, bool tty, bool timestamps)
{
    private readonly byte[] _header = new byte[8];

    public async ValueTask WriteAsync(LogEntry entry)
    {
        byte[] prefix = timestamps ? Encoding.ASCII.GetBytes(entry.TimeText + " ") : [];
        int newline = entry.Partial ? 0 : 1;
        int size = prefix.Length + entry.Content.Length + newline;
        if (!tty)
        {
            _header[0] = (byte)entry.Stream;
            BinaryPrimitives.WriteUInt32BigEndian(_header.AsSpan(4), (uint)size);
            await output.WriteAsync(_header);
        }
        if (prefix.Length > 0)
            await output.WriteAsync(prefix);
        await output.WriteAsync(entry.Content);
        if (newline == 1)
            await output.WriteAsync("\n"u8.ToArray());
        await output.FlushAsync();
    }

    public Task FlushAsync(CancellationToken ct) => output.FlushAsync(ct);
}
