using System.Text;
using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Tests.Images;

public sealed class DigestTests
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void FromBytes_is_the_sha256_of_the_bytes()
    {
        Assert.Equal("sha256:" + EmptySha256, Digest.FromBytes([]).ToString());
        Assert.Equal(EmptySha256, Digest.FromBytes([]).Hex);
        Assert.Equal("sha256", Digest.FromBytes([]).Algorithm);
    }

    [Fact]
    public async Task FromStream_reads_to_the_end()
    {
        byte[] data = Encoding.ASCII.GetBytes(new string('x', 100_000));
        Assert.Equal(Digest.FromBytes(data), await Digest.FromStreamAsync(new MemoryStream(data), CancellationToken.None));
    }

    [Fact]
    public void Parse_round_trips_and_compares_by_value()
    {
        var d = Digest.Parse("sha256:" + EmptySha256);
        Assert.Equal(Digest.FromBytes([]), d);
        Assert.Equal(d, Digest.FromHex(EmptySha256));
        string text = d;
        Assert.Equal("sha256:" + EmptySha256, text);
        Assert.True(Digest.TryParse(text, out _));
    }

    [Theory]
    [InlineData("", "invalid checksum digest format")]
    [InlineData("sha256", "invalid checksum digest format")]
    [InlineData(":abc", "invalid checksum digest format")]
    [InlineData("sha256:", "invalid checksum digest format")]
    [InlineData("sha256:abc", "invalid checksum digest length")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "invalid checksum digest format")]
    [InlineData("sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "invalid checksum digest format")]
    [InlineData("sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "unsupported digest algorithm")]
    public void Bad_digests_are_refused(string text, string message)
    {
        Assert.False(Digest.TryParse(text, out _));
        var e = Assert.Throws<BerthException>(() => Digest.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }
}
