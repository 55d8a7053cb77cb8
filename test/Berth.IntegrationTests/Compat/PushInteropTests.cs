using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// What berth pushes to a real registry (Debian's docker-registry), a real dockerd pulls: same
/// manifest digest, same image ID. dockerd runs in the daemon's network namespace, where the
/// registry listens on 127.0.0.1.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PushInteropTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task A_real_dockerd_pulls_what_berth_pushed()
    {
        if (!LocalRegistry.Available || !File.Exists("/usr/sbin/dockerd")) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string name = await ScratchImage.CreateAsync(daemon, registry.Host + "/interop/pushed:v1");
        string dir = Directory.CreateTempSubdirectory("berth-interop-dockerd-").FullName;
        try
        {
            var push = await daemon.Docker("push", name);
            Assert.True(push.ExitCode == 0, push.ToString());
            string digest = Regex.Match(push.Stdout, @"v1: digest: (sha256:[0-9a-f]{64})").Groups[1].Value;
            Assert.NotEqual("", digest);

            var start = await ProcessRunner.RunAsync("env", ["DOCKER_NETNS=" + daemon.HostNetns, Repo.Script("real-docker.sh"), "start", dir]);
            Assert.True(start.ExitCode == 0, start.ToString());
            string host = "unix://" + start.Stdout.Trim();
            var pull = await ProcessRunner.RunAsync(Repo.DockerCli, ["-H", host, "pull", name]);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains($"Digest: {digest}\n", pull.Stdout);
            var id = await ProcessRunner.RunAsync(Repo.DockerCli, ["-H", host, "image", "inspect", "-f", "{{.Id}}", name]);
            Assert.Equal(await daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", name), id.Stdout.Trim());
        }
        finally
        {
            await ProcessRunner.RunAsync(Repo.Script("real-docker.sh"), ["stop", dir]);
            await daemon.Docker("rmi", "-f", name);
        }
    }
}
