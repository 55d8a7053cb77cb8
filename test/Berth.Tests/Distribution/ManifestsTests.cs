using System.Text;
using Berth.Core.Distribution;
using Berth.Core.Errors;
using Berth.Engine.Distribution;

namespace Berth.Tests.Distribution;

public sealed class ManifestsTests
{
    private static readonly string D1 = "sha256:" + new string('1', 64);
    private static readonly string D2 = "sha256:" + new string('2', 64);
    private static readonly string D3 = "sha256:" + new string('3', 64);

    private static string Index(string mediaType) =>
        "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":["
        + Entry(D1, "\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"") + ","
        + Entry(D2, "\"architecture\":\"amd64\",\"os\":\"linux\"") + ","
        + Entry(D3, "\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"") + "]}";

    private static string Entry(string digest, string platform) =>
        "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest + "\",\"size\":10,\"platform\":{" + platform + "}}";

    [Fact]
    public void Schema2_manifest_gives_config_and_layers_in_order()
    {
        byte[] json = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{MediaTypes.DockerManifest}}",
             "config":{"mediaType":"{{MediaTypes.DockerConfig}}","size":1469,"digest":"{{D1}}"},
             "layers":[{"mediaType":"{{MediaTypes.DockerLayerGzip}}","size":5,"digest":"{{D2}}"},
                       {"mediaType":"{{MediaTypes.DockerLayerGzip}}","size":6,"digest":"{{D3}}"}]}
            """);
        Assert.Equal(MediaTypes.DockerManifest, Manifests.MediaTypeOf(json, "text/plain"));
        var m = Manifests.ParseImage(json);
        Assert.Equal(D1, m.Config.Digest);
        Assert.Equal(1469, m.Config.Size);
        Assert.Equal([D2, D3], m.Layers.Select(l => l.Digest));
    }

    [Fact]
    public void An_oci_manifest_without_media_type_is_known_by_its_shape()
    {
        byte[] json = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"config":{"digest":"{{D1}}","size":2},"layers":[]}""");
        Assert.Equal(MediaTypes.OciManifest, Manifests.MediaTypeOf(json, null));
        Assert.Equal(MediaTypes.OciIndex, Manifests.MediaTypeOf(Encoding.UTF8.GetBytes("""{"schemaVersion":2,"manifests":[]}"""), null));
    }

    [Fact]
    public void Schema1_is_recognised_so_it_can_be_refused()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"schemaVersion":1,"name":"x","tag":"latest","fsLayers":[]}""");
        Assert.Equal(MediaTypes.DockerSchema1Signed, Manifests.MediaTypeOf(json, "application/json"));
        Assert.StartsWith("[DEPRECATION NOTICE] Docker Image Format v1", Manifests.Schema1Refusal("docker.io/library/x:latest"));
    }

    [Theory]
    [InlineData(MediaTypes.DockerManifestList)]
    [InlineData(MediaTypes.OciIndex)]
    public void The_default_platform_picks_linux_amd64(string mediaType)
    {
        var entries = Manifests.ParseIndex(Encoding.UTF8.GetBytes(Index(mediaType)));
        Assert.Equal(3, entries.Count);
        Assert.Equal(D2, Manifests.Select(entries, Platform.Default).Digest);
    }

    [Theory]
    [InlineData("linux/arm64", 3)]
    [InlineData("linux/arm64/v8", 3)]
    [InlineData("linux/aarch64", 3)]
    [InlineData("linux/arm/v7", 1)]
    [InlineData("linux/x86_64", 2)]
    public void Platform_override_picks_its_entry(string platform, int digit)
    {
        var entries = Manifests.ParseIndex(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex)));
        Assert.Equal("sha256:" + new string((char)('0' + digit), 64), Manifests.Select(entries, Platform.Parse(platform)).Digest);
    }

    [Fact]
    public void No_entry_for_the_platform_is_dockers_error()
    {
        var entries = Manifests.ParseIndex(Encoding.UTF8.GetBytes(Index(MediaTypes.OciIndex)));
        var e = Assert.Throws<BerthException>(() => Manifests.Select(entries, Platform.Parse("linux/s390x")));
        Assert.Equal("no matching manifest for linux/s390x in the manifest list entries", e.Message);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"config":{"digest":"md5:abc","size":1},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"config":{"digest":"sha256:1111","size":1},"layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"layers":[]}""")]
    [InlineData("""not json""")]
    public void Bad_manifests_are_invalid_arguments(string json)
    {
        var e = Assert.Throws<BerthException>(() => Manifests.ParseImage(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }
}
