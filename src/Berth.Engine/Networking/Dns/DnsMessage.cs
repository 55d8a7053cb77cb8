using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Engine.Networking.Dns;

/// <summary>
/// The little of the DNS wire format (RFC 1035) the embedded resolver needs: the question of
/// a query, and an answer to it carrying A and AAAA records. Everything else is forwarded as bytes.
/// </summary>
public static class DnsMessage
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort TypeAny = 255;
    private const int HeaderSize = 12;
    private const uint Ttl = 600; // as Docker's embedded DNS

    /// <summary>A standard query with one question: its name (lower case, no final dot), type, and where the question ends.</summary>
    public static bool TryReadQuestion(ReadOnlySpan<byte> message, out string name, out ushort type, out int end)
    {
        name = "";
        type = 0;
        end = 0;
        if (message.Length < HeaderSize || (message[2] & 0x80) != 0 || (message[2] & 0x78) != 0
            || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) != 1)
            return false; // not a query, not QUERY, or not exactly one question
        var labels = new StringBuilder();
        int at = HeaderSize;
        while (true)
        {
            if (at >= message.Length)
                return false;
            int length = message[at++];
            if (length == 0)
                break;
            if (length > 63 || at + length > message.Length)
                return false; // compression has no place in a question
            if (labels.Length > 0)
                labels.Append('.');
            labels.Append(Encoding.ASCII.GetString(message.Slice(at, length)));
            at += length;
        }
        if (at + 4 > message.Length)
            return false;
        type = BinaryPrimitives.ReadUInt16BigEndian(message[at..]);
        end = at + 4;
        name = labels.ToString().ToLowerInvariant();
        return true;
    }

    /// <summary>
    /// The reply to <paramref name="query"/>: its question, and a record per address of the
    /// type asked (A for IPv4 ones, AAAA for IPv6 ones, both for ANY); none for other types.
    /// </summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, int questionEnd, ushort type, IReadOnlyList<IPAddress> addresses)
    {
        var records = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork ? type is TypeA or TypeAny : type is TypeAaaa or TypeAny).ToList();
        var reply = new byte[questionEnd + records.Sum(a => 12 + (a.AddressFamily == AddressFamily.InterNetwork ? 4 : 16))];
        query[..questionEnd].CopyTo(reply);
        reply[2] = (byte)(0x80 | 0x04 | (query[2] & 0x01)); // QR, AA, the client's RD
        reply[3] = 0x80; // RA, NOERROR
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), (ushort)records.Count);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(10), 0);
        int at = questionEnd;
        foreach (var address in records)
        {
            byte[] data = address.GetAddressBytes();
            var r = reply.AsSpan(at);
            BinaryPrimitives.WriteUInt16BigEndian(r, 0xC00C); // the name: a pointer to the question's
            BinaryPrimitives.WriteUInt16BigEndian(r[2..], data.Length == 4 ? TypeA : TypeAaaa);
            BinaryPrimitives.WriteUInt16BigEndian(r[4..], 1); // IN
            BinaryPrimitives.WriteUInt32BigEndian(r[6..], Ttl);
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], (ushort)data.Length);
            data.CopyTo(r[12..]);
            at += 12 + data.Length;
        }
        return reply;
    }

    /// <summary>SERVFAIL for a query the upstream resolvers did not answer.</summary>
    public static byte[] ServerFailure(ReadOnlySpan<byte> query, int questionEnd)
    {
        byte[] reply = Answer(query, questionEnd, 0, []);
        reply[3] = 0x82;
        return reply;
    }
}
