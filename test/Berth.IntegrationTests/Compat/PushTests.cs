using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>docker push</c> through berthd to a real registry; what was pushed is read back by
/// skopeo and pulled again; pushing twice gives the same manifest digest.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PushTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Push_uploads_layers_then_the_manifest_and_a_second_push_finds_them()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string name = await ScratchImage.CreateAsync(daemon, registry.Host + "/pushed/bb:v1");
        try
        {
            var push = await daemon.Docker("push", name);
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.StartsWith($"The push refers to repository [{registry.Host}/pushed/bb]\n", push.Stdout);
            Assert.Contains(": Pushed\n", push.Stdout);
            var line = Regex.Match(push.Stdout, @"v1: digest: (sha256:[0-9a-f]{64}) size: (\d+)\n");
            Assert.True(line.Success, push.Stdout);
            string digest = line.Groups[1].Value;

            var again = await daemon.Docker("push", name);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains(": Layer already exists\n", again.Stdout);
            Assert.DoesNotContain(": Pushed\n", again.Stdout);
            Assert.Contains($"v1: digest: {digest} size: {line.Groups[2].Value}\n", again.Stdout);

            var inspect = await registry.InspectAsync("pushed/bb:v1", "--format", "{{.Digest}} {{.Os}}/{{.Architecture}} {{len .Layers}}");
            Assert.True(inspect.ExitCode == 0, inspect.ToString());
            Assert.Equal($"{digest} linux/amd64 2\n", inspect.Stdout);
            var raw = await registry.InspectAsync("pushed/bb:v1", "--raw");
            Assert.Contains("application/vnd.docker.distribution.manifest.v2+json", raw.Stdout);
            Assert.Contains("application/vnd.docker.image.rootfs.diff.tar.gzip", raw.Stdout);

            // Pushed to another repository of the same registry: the blob is mounted or found.
            string other = registry.Host + "/other/bb:v2";
            await daemon.DockerOk("pull", name);
            await daemon.DockerOk("tag", name, other);
            var mounted = await daemon.Docker("push", other);
            Assert.True(mounted.ExitCode == 0, mounted.ToString());
            Assert.Matches(": (Mounted from pushed/bb|Layer already exists|Pushed)\n", mounted.Stdout);
            Assert.Contains($"v2: digest: {digest} size:", mounted.Stdout);
            await daemon.DockerOk("rmi", other);

            // And back: the pushed image pulls and runs.
            await daemon.DockerOk("rmi", name);
            var pull = await daemon.Docker("pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains($"Digest: {digest}\n", pull.Stdout);
            Assert.Equal("ok", await daemon.DockerOk("run", "--rm", "--network", "none", name, "echo", "ok"));
        }
        finally
        {
            await daemon.Docker("rmi", name);
        }
    }

    [RequiresRootFact]
    public async Task Push_of_an_unknown_tag_is_dockers_error()
    {
        if (!LocalRegistry.Available) return;
        var push = await daemon.Docker("push", "127.0.0.1:5999/nothing/here:v1");
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("An image does not exist locally with the tag: 127.0.0.1:5999/nothing/here", push.Stderr);
    }
}
