using System.Text.Json;
using Berth.Core.Errors;
using Berth.Engine.Archive;

namespace Berth.Tests.Archive;

/// <summary>A docker-archive's manifest.json of the wrong shape is a 400 naming what is wrong.</summary>
public sealed class ManifestItemTests
{
    [Theory]
    [InlineData("""{"Config":"c"}""", "invalid archive: manifest.json: expected an array of images, found object")]
    [InlineData("""[null]""", "invalid archive: manifest.json: expected an image object, found null")]
    [InlineData("""[{"Config":"c"}]""", "invalid archive: manifest.json: image c has no Layers")]
    [InlineData("""[{"Layers":[]}]""", "invalid archive: manifest.json: an image has no Config")]
    [InlineData("""[{"Config":"c","Layers":[null]}]""", "invalid archive: manifest.json: Layers must be an array of strings, found null in it")]
    [InlineData("""[{"Config":"c","Layers":[],"RepoTags":[null]}]""", "invalid archive: manifest.json: RepoTags must be an array of strings, found null in it")]
    public void Wrong_shapes_are_refused(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);
        var e = Assert.Throws<BerthException>(() => ManifestItem.ParseAll(doc.RootElement));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_good_manifest_reads_with_null_tags_as_none()
    {
        using var doc = JsonDocument.Parse("""[{"Config":"c.json","RepoTags":null,"Layers":["a/layer.tar"]}]""");
        var item = Assert.Single(ManifestItem.ParseAll(doc.RootElement));
        Assert.Equal("c.json", item.Config);
        Assert.Empty(item.RepoTags);
        Assert.Equal(["a/layer.tar"], item.Layers);
    }
}
