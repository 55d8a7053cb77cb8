using Berth.Core.Images;

namespace Berth.Tests.Images;

public sealed class ObjectIdTests
{
    private static readonly string Full = "0123456789abcdef" + new string('a', 48);

    [Fact]
    public void Full_ids_are_64_lowercase_hex_with_or_without_the_algorithm()
    {
        Assert.True(ObjectId.IsFull(Full));
        Assert.True(ObjectId.IsFull("sha256:" + Full));
        Assert.False(ObjectId.IsFull("sha256:" + Full, allowAlgorithm: false));
        Assert.False(ObjectId.IsFull(Full[..63]));
        Assert.False(ObjectId.IsFull(Full.ToUpperInvariant()));
        Assert.False(ObjectId.IsFull(Full + "a"));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("0123ab", true)]
    [InlineData("sha256:0123", true)]
    [InlineData("", false)]
    [InlineData("sha256:", false)]
    [InlineData("busybox", false)]
    [InlineData("ABC", false)]
    [InlineData("12 3", false)]
    public void Prefixes_are_short_hex(string text, bool expected) => Assert.Equal(expected, ObjectId.IsPrefix(text));

    [Fact]
    public void TrimAlgorithm_leaves_the_hex() => Assert.Equal(Full, ObjectId.TrimAlgorithm("sha256:" + Full));
}
