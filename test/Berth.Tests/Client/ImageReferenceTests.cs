using Berth.Client.References;

namespace Berth.Tests.Client;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox", "busybox", null)]
    [InlineData("busybox:1.36", "docker.io/library/busybox", "busybox", "1.36")]
    [InlineData("user/app:v1", "docker.io/user/app", "user/app", "v1")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "localhost:5000/app", null)]
    [InlineData("registry.example.com/a/b:t", "registry.example.com/a/b", "registry.example.com/a/b", "t")]
    public void Normalizes(string text, string name, string familiar, string? tag)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(name, reference.Name);
        Assert.Equal(familiar, reference.FamiliarName);
        Assert.Equal(tag, reference.Tag);
    }

    [Fact]
    public void DefaultTagIsLatest() => Assert.Equal("busybox:latest", ImageReference.Parse("busybox").WithDefaultTag().FamiliarString);

    [Fact]
    public void DigestKeepsNoDefaultTag()
    {
        var digest = "sha256:" + new string('a', 64);
        var reference = ImageReference.Parse("busybox@" + digest).WithDefaultTag();
        Assert.Null(reference.Tag);
        Assert.Equal(digest, reference.Digest);
    }

    [Fact]
    public void UppercaseRepositoryIsRejectedWithDockersMessage()
    {
        var error = Assert.Throws<FormatException>(() => ImageReference.Parse("Bad"));
        Assert.Equal("invalid reference format: repository name (library/Bad) must be lowercase", error.Message);
    }

    [Theory]
    [InlineData("a:b:c")]
    [InlineData("")]
    [InlineData("a@sha256")]
    public void RejectsMalformed(string text) => Assert.False(ImageReference.TryParse(text, out _));
}
