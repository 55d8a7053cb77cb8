using System.Buffers.Binary;
using System.Text;

namespace Berth.Linux.Networking;

/// <summary>
/// One netlink request as it goes on the wire (netlink(7)): the 16-byte <c>nlmsghdr</c>, the
/// family's fixed header, then attributes (<c>rtattr</c>: length, type, value, padded to 4
/// bytes), which may nest. Numbers are in host order; addresses are their bytes as they are.
/// </summary>
internal sealed class NetlinkMessage
{
    private const int HeaderSize = 16;
    private byte[] _buffer = new byte[256];
    private int _length;

    public NetlinkMessage(ushort type, ushort flags)
    {
        _length = HeaderSize;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(6), flags);
    }

    /// <summary><c>struct ifinfomsg</c>: family, device type, index, flags and the mask of flags to change.</summary>
    public NetlinkMessage LinkHeader(byte family = 0, int index = 0, uint flags = 0, uint change = 0)
    {
        var span = Reserve(16);
        span[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], change);
        return this;
    }

    /// <summary><c>struct ifaddrmsg</c>.</summary>
    public NetlinkMessage AddressHeader(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var span = Reserve(8);
        span[0] = family;
        span[1] = prefixLength;
        span[2] = flags;
        span[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], index);
        return this;
    }

    /// <summary><c>struct rtmsg</c>: family, destination prefix length, then table, protocol, scope and type.</summary>
    public NetlinkMessage RouteHeader(byte family, byte destinationLength, byte table, byte protocol, byte scope, byte type)
    {
        var span = Reserve(12);
        span[0] = family;
        span[1] = destinationLength;
        span[4] = table;
        span[5] = protocol;
        span[6] = scope;
        span[7] = type;
        return this;
    }

    public NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        var span = Reserve(Align(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        value.CopyTo(span[4..]);
        return this;
    }

    /// <summary>A string attribute, NUL-terminated as the kernel wants names.</summary>
    public NetlinkMessage Attribute(ushort type, string value)
    {
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetByteCount(value) + 1];
        bytes.Clear();
        Encoding.UTF8.GetBytes(value, bytes);
        return Attribute(type, bytes);
    }

    public NetlinkMessage Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attribute(type, bytes);
    }

    public NetlinkMessage Attribute(ushort type, byte value) => Attribute(type, [value]);

    /// <summary>Opens a nested attribute; the attributes added until <see cref="End"/> are its value.</summary>
    public int Begin(ushort type)
    {
        int start = _length;
        var span = Reserve(4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        return start;
    }

    public NetlinkMessage End(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)(_length - start));
        return this;
    }

    /// <summary>The message with its length and sequence number filled in.</summary>
    public ReadOnlySpan<byte> Complete(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(8), sequence);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        var span = _buffer.AsSpan(_length, size);
        span.Clear();
        _length += size;
        return span;
    }

    private static int Align(int n) => (n + 3) & ~3;
}
