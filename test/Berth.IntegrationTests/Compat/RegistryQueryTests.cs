using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.IntegrationTests.Fuzz;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// The registry questions that pull nothing: <c>GET /distribution/{name}/json</c> (the manifest's
/// descriptor and platforms, against Debian's docker-registry) and <c>GET /images/search</c>
/// (an index that is not there, a registry v2 without search: dockerd's failures).
/// </summary>
public sealed class RegistryQueryTests(DaemonFixture daemon) : IClassFixture<DaemonFixture>
{
    [RequiresRootFact]
    public async Task Distribution_inspect_gives_the_manifest_descriptor_and_platform_without_pulling()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        await registry.SeedAsync("busybox:latest", "rq18/bb:v1");
        var skopeo = await registry.InspectAsync("rq18/bb:v1");
        Assert.True(skopeo.ExitCode == 0, skopeo.ToString());
        string digest = (string)JsonNode.Parse(skopeo.Stdout)!["Digest"]!;
        using var http = daemon.CreateHttpClient();

        var response = await http.GetAsync($"/v1.47/distribution/{registry.Host}/rq18/bb:v1/json");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var answer = JsonNode.Parse(body)!;
        Assert.Equal(digest, (string)answer["Descriptor"]!["digest"]!);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", (string)answer["Descriptor"]!["mediaType"]!);
        Assert.True((long)answer["Descriptor"]!["size"]! > 0);
        Assert.Equal("""[{"architecture":"amd64","os":"linux"}]""", answer["Platforms"]!.ToJsonString());
        var schemas = ResponseSchemas.Load(EngineApiSchema.Load());
        Assert.Empty(schemas.Violations("GET", "/distribution/{name}/json", 200, answer));
        Assert.False((await daemon.Docker("image", "inspect", $"{registry.Host}/rq18/bb:v1")).ExitCode == 0); // nothing pulled

        var unknown = await http.GetAsync($"/distribution/{registry.Host}/rq18/bb:nope/json");
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Contains("manifest unknown", await unknown.Content.ReadAsStringAsync());
    }

    [RequiresRootFact]
    public async Task Search_fails_as_dockerd_without_an_index_and_at_a_registry_without_search()
    {
        using var http = daemon.CreateHttpClient();
        // The daemon's network reaches no index: dockerd's 500 with the failed GET.
        var none = await http.GetAsync("/images/search?term=busybox");
        Assert.Equal(500, (int)none.StatusCode);
        Assert.StartsWith("Get \"https://index.docker.io/v1/search?q=busybox&n=25\": ",
            (string)JsonNode.Parse(await none.Content.ReadAsStringAsync())!["message"]!);
        var badLimit = await http.GetAsync("/images/search?term=busybox&limit=101");
        Assert.Equal(400, (int)badLimit.StatusCode);

        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        var search = await daemon.Docker("search", $"{registry.Host}/busybox");
        Assert.Equal(1, search.ExitCode);
        Assert.Contains("Unexpected status code 404", search.Stderr);
    }
}
