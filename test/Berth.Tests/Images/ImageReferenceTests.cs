using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1", "docker.io/library/busybox:1", "busybox:1")]
    [InlineData("library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("team/app:v2", "docker.io/team/app:v2", "team/app:v2")]
    [InlineData("host:5000/a/b:t", "host:5000/a/b:t", "host:5000/a/b:t")]
    [InlineData("localhost/x", "localhost/x:latest", "localhost/x:latest")]
    public void Names_are_normalised_as_docker_does(string text, string normalized, string familiar)
    {
        var r = ImageReference.Parse(text);
        Assert.Equal(normalized, r.ToString());
        Assert.Equal(familiar, r.FamiliarString);
    }

    [Fact]
    public void A_digest_reference_has_no_default_tag()
    {
        string digest = "sha256:" + new string('a', 64);
        var r = ImageReference.Parse("host:5000/a/b@" + digest);
        Assert.Null(r.Tag);
        Assert.Equal(digest, r.Digest);
        Assert.Equal("host:5000/a/b@" + digest, r.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Busybox")]
    [InlineData("bad name")]
    public void Malformed_references_are_refused(string text) =>
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => ImageReference.Parse(text)).Kind);
}
