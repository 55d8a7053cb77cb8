using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>version, info, _ping, versioned paths and error responses.</summary>
[Collection(DaemonCollection.Name)]
public sealed class SystemTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Version_and_info_work_through_the_docker_cli()
    {
        var version = await daemon.Docker("version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}");
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal("1.47 linux\n", version.Stdout);
        var info = await daemon.Docker("info", "--format", "{{.Driver}} {{.OSType}} {{.DockerRootDir}}");
        Assert.Equal($"overlay2 linux {daemon.DataRoot}\n", info.Stdout);
    }

    [RequiresRootFact]
    public async Task Ping_answers_ok_with_the_api_version()
    {
        using var client = daemon.CreateHttpClient();
        var response = await client.GetAsync("/_ping");
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        Assert.Equal("1.47", response.Headers.GetValues("API-Version").Single());
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [RequiresRootFact]
    public async Task Versioned_paths_work_and_errors_are_json_with_docker_status_codes()
    {
        using var client = daemon.CreateHttpClient();
        var list = await client.GetAsync("/v1.41/containers/json?all=1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.ValueKind);

        var missing = await client.GetAsync("/v1.41/containers/nosuch/json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such container: nosuch", Message(await missing.Content.ReadAsStringAsync()));

        var bad = await client.PostAsync("/containers/create", new StringContent("{bad", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty(Message(await bad.Content.ReadAsStringAsync()));

        var tooNew = await client.GetAsync("/v9.99/containers/json");
        Assert.Equal(HttpStatusCode.BadRequest, tooNew.StatusCode);

        string id = (await daemon.Docker("run", "-d", "--name", "apiconflict", "busybox", "sleep", "100")).Stdout.Trim();
        var conflict = await client.PostAsync("/containers/create?name=apiconflict", new StringContent("{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var rmRunning = await client.DeleteAsync($"/containers/{id}");
        Assert.Equal(HttpStatusCode.Conflict, rmRunning.StatusCode);
        var started = await client.PostAsync($"/containers/{id}/start", null);
        Assert.Equal(HttpStatusCode.NotModified, started.StatusCode);
        await daemon.Docker("rm", "-f", id);
    }

    private static string Message(string json) => JsonDocument.Parse(json).RootElement.GetProperty("message").GetString()!;

    [RequiresRootFact]
    public async Task Info_names_the_seccomp_profile_and_version_the_build_time_as_dockerd()
    {
        Assert.Equal("[name=seccomp,profile=default]", await daemon.DockerOk("info", "--format", "{{.SecurityOptions}}"));
        using var client = daemon.CreateHttpClient();
        string version = await client.GetStringAsync("/version");
        Assert.Matches("\"BuildTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\+00:00\"", version);
    }
}
