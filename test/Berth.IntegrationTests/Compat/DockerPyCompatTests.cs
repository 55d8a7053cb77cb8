using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Requests as docker-py (Debian's python3-docker) sends them, which the docker CLI does not:
/// driven by a script as a user's would be.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyCompatTests(DaemonFixture daemon)
{
    private async Task<string> PythonAsync(string script)
    {
        var r = await ProcessRunner.RunAsync("python3", ["-c", script, daemon.Host]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Replace("\r", "");
    }

    [RequiresRootFact]
    public async Task Exec_output_is_framed_by_the_start_requests_tty()
    {
        const string script = """
            import docker, sys
            c = docker.DockerClient(base_url=sys.argv[1])
            ctr = c.containers.run("busybox", "sleep 300", detach=True, name="py-exec-tty", network_mode="none")
            try:
                ex = c.api.exec_create(ctr.id, "echo hello", tty=True)
                print(c.api.exec_start(ex["Id"], tty=False, demux=True))
                ex = c.api.exec_create(ctr.id, "echo hello", tty=True)
                print(c.api.exec_start(ex["Id"], tty=True))
            finally:
                ctr.remove(force=True)
            """;
        Assert.Equal("(b'hello\\r\\n', None)\nb'hello\\r\\n'\n", await PythonAsync(script));
    }
}
