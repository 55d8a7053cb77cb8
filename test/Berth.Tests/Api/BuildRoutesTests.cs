using Berth.Daemon.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Berth.Tests.Api;

/// <summary>POST /build's query as the docker CLI sends it.</summary>
public sealed class BuildRoutesTests
{
    [Fact]
    public void The_query_becomes_build_options()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["t"] = new(["a:1", "b"]),
            ["dockerfile"] = "sub/Dockerfile.x",
            ["buildargs"] = "{\"K\":\"V\",\"UNSET\":null}",
            ["labels"] = "{\"l\":\"v\"}",
            ["target"] = "final",
            ["nocache"] = "1",
            ["q"] = "true",
            ["rm"] = "0",
            ["forcerm"] = "1",
            ["networkmode"] = "none",
            ["extrahosts"] = "a:1.2.3.4,b:5.6.7.8",
            ["pull"] = "1",
            ["cachefrom"] = "[\"app:1\",\"app:2\"]",
        });
        var options = BuildRoutes.ParseOptions(query);
        Assert.Equal(["a:1", "b"], options.Tags);
        Assert.Equal("sub/Dockerfile.x", options.Dockerfile);
        Assert.Equal("V", options.BuildArgs["K"]);
        Assert.Null(options.BuildArgs["UNSET"]);
        Assert.Equal("v", options.Labels["l"]);
        Assert.Equal("final", options.Target);
        Assert.True(options.NoCache && options.Quiet && options.ForceRemove);
        Assert.False(options.Remove);
        Assert.Equal("none", options.NetworkMode);
        Assert.Equal(["a:1.2.3.4", "b:5.6.7.8"], options.ExtraHosts);
        Assert.True(options.Pull);
        Assert.Equal(["app:1", "app:2"], options.CacheFrom);
    }

    [Fact]
    public void X_Registry_Config_maps_registries_to_credentials_and_garbage_to_none()
    {
        string json = "{\"127.0.0.1:5000\":{\"username\":\"u\",\"password\":\"p\"},\"https://index.docker.io/v1/\":{\"auth\":\"aHViOnNlY3JldA==\"}}";
        var map = RegistryAuthHeader.DecodeConfig(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(("u", "p"), (map["127.0.0.1:5000"].Username, map["127.0.0.1:5000"].Password));
        Assert.Equal("hub", map["https://index.docker.io/v1/"].Username);
        Assert.Empty(RegistryAuthHeader.DecodeConfig("%%%"));
        Assert.Empty(RegistryAuthHeader.DecodeConfig(null));
    }

    [Fact]
    public void Defaults_are_dockers()
    {
        var options = BuildRoutes.ParseOptions(new QueryCollection());
        Assert.Equal("Dockerfile", options.Dockerfile);
        Assert.True(options.Remove);
        Assert.Empty(options.Tags);
    }

    [Fact]
    public void A_repeated_value_counts_by_its_first_as_go_reads_it()
    {
        // docker-py's Dockerfile from outside the context: its name in the tar, then its text.
        var options = BuildRoutes.ParseOptions(new QueryCollection(new Dictionary<string, StringValues>
        {
            ["dockerfile"] = new([".dockerfile.9f3d", "FROM busybox\nCOPY . /src"]),
            ["nocache"] = new(["1", "0"]),
        }));
        Assert.Equal(".dockerfile.9f3d", options.Dockerfile);
        Assert.True(options.NoCache);
    }

    [Fact]
    public void Bad_buildargs_json_is_a_bad_request()
    {
        var e = Assert.Throws<Berth.Core.Errors.BerthException>(() => BuildRoutes.ParseOptions(new QueryCollection(new Dictionary<string, StringValues> { ["buildargs"] = "{nope" })));
        Assert.Equal(Berth.Core.Errors.ErrorKind.InvalidArgument, e.Kind);
    }
}
