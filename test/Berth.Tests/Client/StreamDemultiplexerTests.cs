using System.Text;
using Berth.Client.Streams;

namespace Berth.Tests.Client;

public sealed class StreamDemultiplexerTests
{
    private static byte[] Frame(byte kind, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        StreamDemultiplexer.WriteHeader(frame, kind, payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    [Fact]
    public async Task SplitsStdoutAndStderr()
    {
        var input = new MemoryStream([.. Frame(1, "out1\n"), .. Frame(2, "err\n"), .. Frame(1, "out2\n")]);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        var systemError = await StreamDemultiplexer.CopyAsync(input, stdout, stderr, CancellationToken.None);

        Assert.Null(systemError);
        Assert.Equal("out1\nout2\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void HeaderIsBigEndianLength()
    {
        var header = new byte[8];
        StreamDemultiplexer.WriteHeader(header, 2, 0x010203);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 1, 2, 3 }, header);
    }

    [Fact]
    public async Task ReturnsSystemErrorFrames()
    {
        var input = new MemoryStream(Frame(3, "boom"));
        Assert.Equal("boom", await StreamDemultiplexer.CopyAsync(input, Stream.Null, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public async Task TruncatedFrameIsAnError()
    {
        var frame = Frame(1, "hello");
        var input = new MemoryStream(frame[..10]);
        await Assert.ThrowsAsync<EndOfStreamException>(() => StreamDemultiplexer.CopyAsync(input, Stream.Null, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public async Task ReadsFramesSplitAcrossReads()
    {
        var input = new TrickleStream([.. Frame(1, "abc"), .. Frame(2, "de")]);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await StreamDemultiplexer.CopyAsync(input, stdout, stderr, CancellationToken.None);
        Assert.Equal("abc", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("de", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>Returns one byte per read, like a slow socket.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
