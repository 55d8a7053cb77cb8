using System.Net;
using Berth.Engine.Networking.Dns;

namespace Berth.Tests.Networking.Dns;

public sealed class DnsMessageTests
{
    /// <summary>A query for <c>web</c> of the given type, as a stub resolver sends it.</summary>
    private static byte[] Query(ushort type) =>
        [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, (byte)'w', (byte)'e', (byte)'b', 0, 0, (byte)type, 0, 1];

    private static readonly IPAddress[] s_both = [IPAddress.Parse("10.5.0.2"), IPAddress.Parse("fd00:b1::2")];

    [Theory]
    [InlineData(DnsMessage.TypeA, 1, 0)]
    [InlineData(DnsMessage.TypeAaaa, 0, 1)]
    [InlineData(DnsMessage.TypeAny, 1, 1)]
    public void A_and_AAAA_records_answer_their_own_type(ushort type, int a, int aaaa)
    {
        byte[] query = Query(type);
        Assert.True(DnsMessage.TryReadQuestion(query, out string name, out ushort asked, out int end));
        Assert.Equal(("web", type), (name, asked));
        byte[] reply = DnsMessage.Answer(query, end, asked, s_both);
        Assert.Equal(a + aaaa, reply[7]);
        Assert.Equal(end + a * 16 + aaaa * 28, reply.Length);
        if (aaaa == 1)
            Assert.Equal(IPAddress.Parse("fd00:b1::2"), new IPAddress(reply.AsSpan(reply.Length - 16)));
        if (a == 1)
            Assert.Equal(IPAddress.Parse("10.5.0.2"), new IPAddress(reply.AsSpan(end + 12, 4)));
    }
}
