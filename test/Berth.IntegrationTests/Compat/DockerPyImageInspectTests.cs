using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Image inspect's fields by API version: docker-py 5 speaks 1.41, where an image still shows
/// the container it was committed from (<c>Container</c>, <c>ContainerConfig</c>, gone at 1.45)
/// and <c>VirtualSize</c> (gone at 1.44), as dockerd 20.10 shows them. docker-py negotiates
/// the daemon's version unless told one, so the scripts pin theirs, as docker-py's own tests do.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyImageInspectTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task A_committed_image_shows_its_container_below_api_1_45()
    {
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            ctr = c.create_container("busybox", ["sh", "-c", "echo x > /f"], name="pyii-src", environment={"FOO": "bar"},
                                     host_config=c.create_host_config(network_mode="none"))
            try:
                c.start(ctr)
                c.wait(ctr)
                img = c.commit(ctr["Id"], repository="pyii-committed", tag="v1")
                i = c.inspect_image(img["Id"])
                print(c.api_version, i["Container"] == ctr["Id"], i["ContainerConfig"]["Cmd"], i["ContainerConfig"]["Env"],
                      i["ContainerConfig"]["Hostname"] == ctr["Id"][:12], i["VirtualSize"] == i["Size"])
                b = c.inspect_image("busybox")
                print(repr(b["Container"]), b["ContainerConfig"]["Cmd"], b["ContainerConfig"]["Image"] == "")
                new = docker.APIClient(base_url=sys.argv[1], version="1.45")
                print(sorted(k for k in new.inspect_image(img["Id"]) if k in ("Container", "ContainerConfig", "VirtualSize")))
                print([k for k in docker.APIClient(base_url=sys.argv[1], version="1.43").images()[0] if k == "VirtualSize"],
                      [k for k in docker.APIClient(base_url=sys.argv[1], version="1.44").images()[0] if k == "VirtualSize"])
            finally:
                c.remove_container(ctr, force=True)
                try:
                    c.remove_image("pyii-committed:v1")
                except docker.errors.NotFound:
                    pass
            """;
        Assert.Equal("""
            1.41 True ['sh', '-c', 'echo x > /f'] ['FOO=bar'] True True
            '' [] True
            []
            ['VirtualSize'] []

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task The_docker_cli_at_api_1_41_formats_the_container_fields()
    {
        try
        {
            Assert.Equal(0, (await daemon.Docker("run", "--name", "pyii-cli", "--network", "none", "busybox", "touch", "/g")).ExitCode);
            Assert.Equal(0, (await daemon.Docker("commit", "pyii-cli", "pyii-cli-img")).ExitCode);
            string id = (await daemon.DockerOk("inspect", "--format", "{{.Id}}", "pyii-cli")).Trim();
            const string format = "{{.Container}}|{{.ContainerConfig.Cmd}}|{{.VirtualSize}}|{{.Size}}";
            var old = await ProcessRunner.RunAsync(Repo.DockerCli, ["image", "inspect", "--format", format, "pyii-cli-img"], null,
                new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host, ["DOCKER_API_VERSION"] = "1.41" });
            Assert.True(old.ExitCode == 0, old.ToString());
            string[] fields = old.Stdout.Trim().Split('|');
            Assert.Equal([id, "[touch /g]"], fields[..2]);
            Assert.Equal(fields[3], fields[2]);
            // The current version shows none of them: the CLI's template sees their zero values.
            Assert.Equal("|null", (await daemon.DockerOk("image", "inspect", "--format", "{{.Container}}|{{json .ContainerConfig}}", "pyii-cli-img")).Trim());
        }
        finally
        {
            await daemon.Docker("rm", "-f", "pyii-cli");
            await daemon.Docker("rmi", "pyii-cli-img");
        }
    }
}
