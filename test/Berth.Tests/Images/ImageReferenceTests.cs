using Berth.Core.Errors;
using Berth.Core.Images;

namespace Berth.Tests.Images;

public sealed class ImageReferenceTests
{
    private static readonly string Hex = new('a', 64);

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1", "docker.io", "library/busybox", "1", "docker.io/library/busybox:1", "busybox:1")]
    [InlineData("library/busybox", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("docker.io/library/busybox:latest", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("index.docker.io/busybox", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", "latest", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("team/app:v2", "docker.io", "team/app", "v2", "docker.io/team/app:v2", "team/app:v2")]
    [InlineData("library/a/b", "docker.io", "library/a/b", "latest", "docker.io/library/a/b:latest", "library/a/b:latest")]
    [InlineData("host:5000/a/b:t", "host:5000", "a/b", "t", "host:5000/a/b:t", "host:5000/a/b:t")]
    [InlineData("localhost/x", "localhost", "x", "latest", "localhost/x:latest", "localhost/x:latest")]
    [InlineData("localhost:5000/x", "localhost:5000", "x", "latest", "localhost:5000/x:latest", "localhost:5000/x:latest")]
    [InlineData("[::1]:5000/x:T_1.2-a", "[::1]:5000", "x", "T_1.2-a", "[::1]:5000/x:T_1.2-a", "[::1]:5000/x:T_1.2-a")]
    [InlineData("Example.com/a", "Example.com", "a", "latest", "Example.com/a:latest", "Example.com/a:latest")]
    [InlineData("team/a__b-c--d_e.f", "docker.io", "team/a__b-c--d_e.f", "latest", "docker.io/team/a__b-c--d_e.f:latest", "team/a__b-c--d_e.f:latest")]
    public void Names_are_normalised_as_docker_does(string text, string domain, string path, string tag, string normalized, string familiar)
    {
        var r = ImageReference.Parse(text);
        Assert.Equal(domain, r.Domain);
        Assert.Equal(path, r.Path);
        Assert.Equal(tag, r.Tag);
        Assert.Null(r.Digest);
        Assert.Equal(normalized, r.ToString());
        Assert.Equal(familiar, r.FamiliarString);
        Assert.Equal(domain + "/" + path, r.FullName);
    }

    [Fact]
    public void Familiar_name_drops_the_defaults()
    {
        Assert.Equal("busybox", ImageReference.Parse("busybox").FamiliarName);
        Assert.Equal("docker.io/library/busybox", ImageReference.Parse("busybox").FullName);
        Assert.Equal("team/app", ImageReference.Parse("team/app").FamiliarName);
        Assert.Equal("host:5000/a/b", ImageReference.Parse("host:5000/a/b").FamiliarName);
    }

    [Fact]
    public void A_digest_reference_has_no_default_tag()
    {
        var r = ImageReference.Parse("host:5000/a/b@sha256:" + Hex);
        Assert.Null(r.Tag);
        Assert.Equal("sha256:" + Hex, r.Digest!.ToString());
        Assert.Equal("host:5000/a/b@sha256:" + Hex, r.ToString());
        Assert.Equal("host:5000/a/b@sha256:" + Hex, r.FamiliarString);
    }

    [Fact]
    public void Tag_and_digest_may_both_be_given()
    {
        var r = ImageReference.Parse("a/b:tag@sha256:" + Hex);
        Assert.Equal("tag", r.Tag);
        Assert.Equal(Hex, r.Digest!.Hex);
        Assert.Equal("docker.io/a/b:tag@sha256:" + Hex, r.ToString());
        Assert.Equal("docker.io/a/b@sha256:" + Hex, r.WithoutTag().ToString());
    }

    [Fact]
    public void ParseNamed_adds_no_tag()
    {
        var r = ImageReference.ParseNamed("busybox");
        Assert.Null(r.Tag);
        Assert.Equal("docker.io/library/busybox", r.ToString());
        Assert.Equal("latest", ImageReference.WithDefaultTag(r).Tag);
    }

    [Theory]
    [InlineData("", "invalid reference format")]
    [InlineData("bad name", "invalid reference format")]
    [InlineData("busybox:", "invalid reference format")]
    [InlineData("busybox:-x", "invalid reference format")]
    [InlineData("busybox:a:b", "invalid reference format")]
    [InlineData("a//b", "invalid reference format")]
    [InlineData("a/", "invalid reference format")]
    [InlineData("-a", "invalid reference format")]
    [InlineData("a-", "invalid reference format")]
    [InlineData("a..b", "invalid reference format")]
    [InlineData("busybox@sha256:abc", "invalid reference format")]
    [InlineData("busybox@sha256", "invalid reference format")]
    [InlineData("Busybox", "invalid reference format: repository name (library/Busybox) must be lowercase")]
    [InlineData("team/App:1", "invalid reference format: repository name (team/App) must be lowercase")]
    [InlineData("localhost:5000/Foo", "invalid reference format: repository name (Foo) must be lowercase")]
    public void Malformed_references_are_refused_with_dockers_words(string text, string message)
    {
        var e = Assert.Throws<BerthException>(() => ImageReference.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Long_tags_bad_digests_and_bare_ids_are_refused()
    {
        Assert.Throws<BerthException>(() => ImageReference.Parse("a:" + new string('t', 129)));
        Assert.Equal("a:" + new string('t', 128), ImageReference.Parse("a:" + new string('t', 128)).FamiliarString);
        Assert.Equal("invalid checksum digest format", Assert.Throws<BerthException>(() => ImageReference.Parse("a@sha256:" + new string('A', 64))).Message);
        Assert.Equal("invalid checksum digest length", Assert.Throws<BerthException>(() => ImageReference.Parse("a@sha256:" + new string('a', 40))).Message);
        Assert.Equal("unsupported digest algorithm", Assert.Throws<BerthException>(() => ImageReference.Parse("a@md5:" + new string('a', 32))).Message);
        Assert.Equal($"invalid repository name ({Hex}), cannot specify 64-byte hexadecimal strings",
            Assert.Throws<BerthException>(() => ImageReference.Parse(Hex)).Message);
        Assert.Equal("repository name must not be more than 255 characters",
            Assert.Throws<BerthException>(() => ImageReference.Parse("a/" + new string('b', 250))).Message);
    }

    [Fact]
    public void TryParse_reports_instead_of_throwing()
    {
        Assert.True(ImageReference.TryParse("busybox", out var r));
        Assert.Equal("busybox:latest", r.FamiliarString);
        Assert.False(ImageReference.TryParse("Busybox", out _));
    }

    [Fact]
    public void References_compare_by_value()
    {
        Assert.Equal(ImageReference.Parse("busybox"), ImageReference.Parse("docker.io/library/busybox:latest"));
        Assert.NotEqual(ImageReference.Parse("busybox:1"), ImageReference.Parse("busybox:2"));
    }
}
