using System.Net;
using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Malformed archives and requests that once got a 500 or a dropped connection (the CLI's
/// "unexpected EOF"): each is now the client's error, with dockerd's text where it has one,
/// in-band once a JSON stream has started, and the daemon answers on.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class MalformedInputTests(DaemonFixture daemon)
{
    private const string Prefix = "herr15";

    [RequiresRootTheory]
    [InlineData("manifest-object.tar", "invalid archive: manifest.json: expected an array of images, found object")]
    [InlineData("manifest-no-layers.tar", "invalid archive: manifest.json: image config.json has no Layers")]
    [InlineData("manifest-null-item.tar", "invalid archive: manifest.json: expected an image object, found null")]
    [InlineData("manifest-null-tag.tar", "invalid archive: manifest.json: RepoTags must be an array of strings, found null in it")]
    [InlineData("config-diffids-numbers.tar", "invalid archive: config.json: rootfs.diff_ids must be an array of strings, found number in it")]
    [InlineData("layer-pax-mtime.tar", "invalid tar archive: archive/tar: invalid tar header")]
    [InlineData("layer-pax-uid.tar", "invalid tar archive: archive/tar: invalid tar header")]
    [InlineData("layer-gnu-sparse.tar", "invalid tar archive: Entry type 'SparseFile' not supported.")]
    [InlineData("layer-file-then-child.tar", "invalid path in archive: a/b: a is not a directory")]
    public async Task Load_of_a_malformed_archive_fails_with_the_reason_in_the_stream(string archive, string message)
    {
        var load = await daemon.Docker("load", "-i", await ArchiveAsync(archive));
        Assert.True(load.ExitCode == 1, load.ToString());
        Assert.Equal(message, load.Stderr.Trim());
        await AssertAnswersAsync();
    }

    [RequiresRootTheory]
    [InlineData("import-pax-mtime.tar", "invalid tar archive: archive/tar: invalid tar header")]
    [InlineData("import-pax-uid.tar", "invalid tar archive: archive/tar: invalid tar header")]
    [InlineData("import-gnu-sparse.tar", "invalid tar archive: Entry type 'SparseFile' not supported.")]
    [InlineData("import-file-then-child.tar", "invalid path in archive: a/b: a is not a directory")]
    public async Task Import_of_a_malformed_layer_fails_with_the_reason_in_the_stream(string archive, string message)
    {
        var import = await daemon.Docker("import", await ArchiveAsync(archive), Prefix + "-imp:x");
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Equal(message, import.Stderr.Trim());
        await AssertAnswersAsync();
    }

    [RequiresRootFact]
    public async Task A_file_that_replaces_a_directory_it_follows_is_loaded_and_imported_as_docker_does()
    {
        var load = await daemon.Docker("load", "-i", await ArchiveAsync("layer-file-then-dir.tar"));
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Equal("Loaded image: herr15-load:x", load.Stdout.Trim());
        var import = await daemon.Docker("import", await ArchiveAsync("import-file-then-dir.tar"), Prefix + "-imp:dir");
        Assert.True(import.ExitCode == 0, import.ToString());
        await daemon.Docker("rmi", "herr15-load:x", Prefix + "-imp:dir");
    }

    [RequiresRootTheory]
    [InlineData("POST", "/containers/create", "null", 400, "config cannot be empty in order to create a container")]
    [InlineData("POST", "/containers/create", """{"Image":"busybox","HostConfig":{"Memory":-5}}""", 400, "Minimum memory limit allowed is 6MB")]
    [InlineData("POST", "/containers/create", """{"Image":"busybox","HostConfig":{"Ulimits":[{"Name":"bogus","Soft":1,"Hard":1}]}}""", 400, "invalid ulimit type: bogus")]
    [InlineData("POST", "/containers/create", """{"Image":"busybox","WorkingDir":"x"}""", 400, "the working directory 'x' is invalid, it needs to be an absolute path")]
    [InlineData("POST", "/containers/create", """{"Image":"UPPER:case"}""", 400, "invalid reference format: repository name (library/UPPER) must be lowercase")]
    [InlineData("POST", "/containers/create", """{"Image":"busybox","HostConfig":{"SecurityOpt":["seccomp={\"syscalls\":[{}]}"]}}""", 400, "decoding seccomp profile failed: a syscalls entry names no syscall")]
    [InlineData("POST", "/containers/create", """{"Image":"busybox","Env":["A=1",null],"HostConfig":{"Mounts":[{"Type":null}]}}""", 400, null)]
    [InlineData("GET", "/containers/json?filters=%5B1,2%5D", null, 400, "invalid filter: json: cannot unmarshal array into Go value of type map[string]map[string]bool")]
    [InlineData("GET", "/events?since=abc", null, 400, "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("GET", "/events?since=1&until=abc", null, 400, "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("GET", "/containers/json?limit=abc", null, 400, null)]
    [InlineData("GET", "/no/such/route", null, 404, "page not found")]
    [InlineData("DELETE", "/_ping", null, 404, "page not found")]
    [InlineData("POST", "/networks/create", "null", 400, "network name cannot be empty")]
    [InlineData("POST", "/volumes/create", """{"DriverOpts":{"o":[]}}""", 400, "json: cannot unmarshal array into Go struct field .DriverOpts of type string")]
    public async Task A_malformed_request_is_a_4xx_with_a_message(string method, string path, string? body, int status, string? message)
    {
        using var http = daemon.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode} {text}");
        string got = JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()!;
        if (message is null)
            Assert.NotEmpty(got);
        else
            Assert.Equal(message, got);
    }

    [RequiresRootFact]
    public async Task Query_values_that_do_not_bind_and_a_300_character_hostname_are_400s_with_a_message()
    {
        string id = await daemon.DockerOk("create", "--name", Prefix + "-bind", "busybox", "true");
        try
        {
            using var http = daemon.CreateHttpClient();
            foreach (string path in new[] { $"/containers/{id}/stop?t=abc", $"/containers/{id}/resize?h=99999999999&w=1", $"/containers/{id}/logs?stdout=1&since=abc" })
            {
                var response = await http.PostAsync(path, null);
                if (path.Contains("/logs"))
                    response = await http.GetAsync(path);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.NotEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!);
            }
            var hostname = await http.PostAsync("/containers/create", new StringContent(
                $$"""{"Image":"busybox","Hostname":"{{new string('a', 300)}}"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, hostname.StatusCode);
            Assert.Equal("invalid hostname: longer than 64 characters",
                JsonDocument.Parse(await hostname.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        }
        finally
        {
            await daemon.Docker("rm", "-f", Prefix + "-bind");
        }
    }

    [RequiresRootFact]
    public async Task Docker_cli_refusals_print_dockers_texts_and_exit_codes()
    {
        var workdir = await daemon.Docker("run", "--rm", "--name", Prefix + "-wd", "-w", "x", "busybox", "true");
        Assert.True(workdir.ExitCode == 125, workdir.ToString());
        Assert.Contains("docker: Error response from daemon: the working directory 'x' is invalid, it needs to be an absolute path", workdir.Stderr);

        await daemon.DockerOk("run", "-d", "--name", Prefix + "-exec", "busybox", "sleep", "600");
        try
        {
            var exec = await daemon.Docker("exec", "-u", "nosuchuser", Prefix + "-exec", "true");
            Assert.True(exec.ExitCode == 126, exec.ToString());
            Assert.Equal("unable to find user nosuchuser: no matching entries in passwd file", (exec.Stdout + exec.Stderr).Trim());
        }
        finally
        {
            await daemon.Docker("rm", "-f", Prefix + "-exec", Prefix + "-wd");
        }
    }

    private async Task<string> ArchiveAsync(string name)
    {
        string dir = Path.Combine(daemon.Dir, "malformed-archives");
        if (!File.Exists(Path.Combine(dir, name)))
        {
            Directory.CreateDirectory(dir);
            string script = Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Data", "malformed-archives.py");
            var made = await ProcessRunner.RunAsync("python3", [script, dir]);
            Assert.True(made.ExitCode == 0, made.ToString());
        }
        return Path.Combine(dir, name);
    }

    private async Task AssertAnswersAsync()
    {
        using var http = daemon.CreateHttpClient();
        Assert.Equal("OK", await http.GetStringAsync("/_ping"));
    }
}
