using System.Diagnostics;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// berthd's built-in registry (<c>--registry-addr 127.0.0.1:5000</c>, in the daemon's own
/// network namespace): skopeo, a real dockerd and another berthd pull what berth has and push
/// into it; what is pushed appears in <c>docker images</c> and runs; the OCI spec's workflows.
/// A daemon of its own.
/// </summary>
public sealed class BuiltInRegistryTests : IAsyncLifetime
{
    private const string Registry = "127.0.0.1:5000";
    private readonly DaemonFixture _daemon = new() { ExtraArgs = ["--registry-addr", Registry] };

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    private static string Data(string name) => Path.Combine(Repo.Root, "test", "Berth.IntegrationTests", "Harness", "Data", name);

    private async Task<string> ScratchOf(string image) =>
        await _daemon.DockerOk("run", "--rm", "--network", "none", image, "cat", "/scratch");

    [RequiresRootFact]
    public async Task Skopeo_copies_an_image_out_and_back_in_and_the_pushed_image_runs()
    {
        if (!LocalRegistry.Available) return;
        string source = await ScratchImage.CreateAsync(_daemon, "reg-skopeo/src:v1");
        string expected = await ScratchOf(source);
        string dir = Directory.CreateTempSubdirectory("berth-reg-skopeo-").FullName;
        try
        {
            var copyOut = await _daemon.InHostNetwork("skopeo", "copy", "-q", "--src-tls-verify=false", $"docker://{Registry}/reg-skopeo/src:v1", $"oci:{dir}/layout:v1");
            Assert.True(copyOut.ExitCode == 0, copyOut.ToString());
            var copyIn = await _daemon.InHostNetwork("skopeo", "copy", "-q", "--dest-tls-verify=false", $"oci:{dir}/layout:v1", $"docker://{Registry}/reg-skopeo/copied:v2");
            Assert.True(copyIn.ExitCode == 0, copyIn.ToString());

            Assert.Contains("reg-skopeo/copied:v2", (await _daemon.DockerOk("images", "--format", "{{.Repository}}:{{.Tag}}")).Split('\n'));
            Assert.Equal(expected, await ScratchOf("reg-skopeo/copied:v2"));
            var tags = await _daemon.InHostNetwork("skopeo", "list-tags", "--tls-verify=false", $"docker://{Registry}/reg-skopeo/copied");
            Assert.Contains("\"v2\"", tags.Stdout);
        }
        finally
        {
            await _daemon.Docker("rmi", "-f", source, "reg-skopeo/copied:v2");
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Zstd_layers_pushed_by_skopeo_are_unpacked_and_run()
    {
        if (!LocalRegistry.Available) return;
        string source = await ScratchImage.CreateAsync(_daemon, "reg-zstd/src:v1");
        string expected = await ScratchOf(source);
        string dir = Directory.CreateTempSubdirectory("berth-reg-zstd-").FullName;
        try
        {
            var recompress = await _daemon.InHostNetwork("skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-compress", "--dest-compress-format", "zstd",
                $"docker://{Registry}/reg-zstd/src:v1", $"oci:{dir}/layout:v1");
            Assert.True(recompress.ExitCode == 0, recompress.ToString());
            // The scratch layer must really be unpacked from zstd: the image and its layer go first.
            await _daemon.DockerOk("rmi", source);
            var copyIn = await _daemon.InHostNetwork("skopeo", "copy", "-q", "--dest-tls-verify=false", $"oci:{dir}/layout:v1", $"docker://{Registry}/reg-zstd/back:v1");
            Assert.True(copyIn.ExitCode == 0, copyIn.ToString());
            var raw = await _daemon.InHostNetwork("skopeo", "inspect", "--raw", "--tls-verify=false", $"docker://{Registry}/reg-zstd/back:v1");
            Assert.Contains("application/vnd.oci.image.layer.v1.tar+zstd", raw.Stdout);
            Assert.Equal(expected, await ScratchOf("reg-zstd/back:v1"));
        }
        finally
        {
            await _daemon.Docker("rmi", "-f", source, "reg-zstd/back:v1");
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Oci_distribution_workflows_pull_push_discovery_and_management()
    {
        var run = await _daemon.InHostNetwork("python3", Data("oci-workflows.py"), Registry, "reg-oci/workflows");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string check in new[] { "push-chunk-out-of-order", "push-digest-mismatch", "push-mismatch-stored-nothing", "pull-blob-range",
            "push-manifest-blob-unknown", "mount", "tags-list-n", "tags-list-last", "referrers", "referrers-filtered", "delete-manifest-untags", "delete-blob" })
            Assert.Contains("ok " + check + "\n", run.Stdout);
        Assert.EndsWith("done\n", run.Stdout);
    }

    [RequiresRootFact]
    public async Task A_client_that_hangs_up_mid_upload_leaves_nothing()
    {
        var run = await _daemon.InHostNetwork("python3", Data("abandoned-upload.py"), Registry, "reg-abandoned/blob");
        Assert.True(run.ExitCode == 0, run.ToString());
        string location = run.Stdout.Trim();
        Assert.StartsWith("/v2/reg-abandoned/blob/blobs/uploads/", location);
        string ingest = Path.Combine(_daemon.DataRoot, "content", "ingest");
        for (int i = 0; i < 50 && Directory.EnumerateFileSystemEntries(ingest).Any(); i++)
            await Task.Delay(100);
        Assert.Empty(Directory.EnumerateFileSystemEntries(ingest));
        var status = await _daemon.InHostNetwork("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", $"http://{Registry}{location}");
        Assert.Equal("404", status.Stdout);
    }

    [RequiresRootFact]
    public async Task A_real_dockerd_pulls_from_the_registry_and_pushes_to_it()
    {
        if (!File.Exists("/usr/sbin/dockerd") && !File.Exists("/usr/bin/dockerd")) return;
        string source = await ScratchImage.CreateAsync(_daemon, "reg-dockerd/src:v1");
        string sourceId = await _daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", source);
        string dir = Directory.CreateTempSubdirectory("berth-reg-dockerd-").FullName;
        var start = await ProcessRunner.RunAsync("env", ["DOCKER_NETNS=" + _daemon.HostNetns, Repo.Script("real-docker.sh"), "start", dir]);
        try
        {
            Assert.True(start.ExitCode == 0, start.ToString());
            string host = "unix://" + start.Stdout.Trim();
            Task<CommandResult> RealDocker(params string[] args) => ProcessRunner.RunAsync(Repo.DockerCli, ["-H", host, .. args]);

            var pull = await RealDocker("pull", $"{Registry}/reg-dockerd/src:v1");
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains("Digest: sha256:", pull.Stdout);
            Assert.Equal(sourceId, (await RealDocker("image", "inspect", "-f", "{{.Id}}", $"{Registry}/reg-dockerd/src:v1")).Stdout.Trim());

            await RealDocker("tag", $"{Registry}/reg-dockerd/src:v1", $"{Registry}/reg-dockerd/from-docker:d1");
            var push = await RealDocker("push", $"{Registry}/reg-dockerd/from-docker:d1");
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Matches("d1: digest: sha256:[0-9a-f]{64} size: \\d+", push.Stdout);
            Assert.Equal(sourceId, await _daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", "reg-dockerd/from-docker:d1"));
        }
        finally
        {
            await ProcessRunner.RunAsync(Repo.Script("real-docker.sh"), ["stop", dir]);
            await _daemon.Docker("rmi", "-f", source, "reg-dockerd/from-docker:d1");
        }
    }

    [RequiresRootFact]
    public async Task Another_berthd_pulls_from_the_registry()
    {
        string source = await ScratchImage.CreateAsync(_daemon, "reg-peer/img:v1");
        string expected = await ScratchOf(source);
        var peer = new DaemonFixture();
        Process? relay = null;
        try
        {
            await peer.InitializeAsync();
            // The peer reaches this daemon's loopback-only registry as its own 127.0.0.1:5000.
            var info = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in new[] { "--net=" + peer.HostNetns, "python3", Data("netns-relay.py"), "5000", _daemon.HostNetns, "5000" })
                info.ArgumentList.Add(a);
            relay = Process.Start(info)!;
            Assert.Equal("listening", await relay.StandardOutput.ReadLineAsync());

            var pull = await peer.Docker("pull", $"{Registry}/reg-peer/img:v1");
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal(await _daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", source),
                await peer.DockerOk("image", "inspect", "-f", "{{.Id}}", $"{Registry}/reg-peer/img:v1"));
            Assert.Equal(expected, await peer.DockerOk("run", "--rm", "--network", "none", $"{Registry}/reg-peer/img:v1", "cat", "/scratch"));
        }
        finally
        {
            relay?.Kill();
            relay?.WaitForExit();
            await peer.DisposeAsync();
            await _daemon.Docker("rmi", "-f", source);
        }
    }
}
