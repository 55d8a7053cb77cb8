using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>docker pull</c> through berthd from a real registry (Debian's docker-registry, seeded by
/// skopeo), and <c>docker run</c> of what was pulled, or of what is missing (the CLI pulls).
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PullTests(DaemonFixture daemon)
{
    /// <summary>An image whose top layer berthd does not have once the seed is removed; returns the registry name.</summary>
    private async Task<string> SeedAsync(LocalRegistry registry, string repo, string marker)
    {
        string seed = "pullseed/" + repo + ":1";
        await daemon.DockerOk("run", "--name", "pullseed-" + repo, "--network", "none", "busybox", "sh", "-c", $"echo {marker} > /marker");
        try
        {
            await daemon.DockerOk("commit", "pullseed-" + repo, seed);
            await registry.SeedAsync(seed, repo + ":1");
        }
        finally
        {
            await daemon.Docker("rm", "-f", "pullseed-" + repo);
            await daemon.Docker("rmi", seed);
        }
        return $"{registry.Host}/{repo}:1";
    }

    [RequiresRootFact]
    public async Task Pull_downloads_what_is_missing_records_the_digest_and_runs()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string name = await SeedAsync(registry, "pulled", "from-the-registry");
        try
        {
            var pull = await daemon.Docker("pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.StartsWith("1: Pulling from pulled\n", pull.Stdout);
            Assert.Contains(": Already exists\n", pull.Stdout); // busybox's layer
            Assert.Contains(": Pull complete\n", pull.Stdout); // the committed one
            Assert.Contains($"Status: Downloaded newer image for {name}\n", pull.Stdout);
            Assert.EndsWith(name + "\n", pull.Stdout);
            string digest = Regex.Match(pull.Stdout, @"Digest: (sha256:[0-9a-f]{64})").Groups[1].Value;
            Assert.NotEmpty(digest);

            Assert.Equal("from-the-registry", await daemon.DockerOk("run", "--rm", "--network", "none", name, "cat", "/marker"));
            Assert.Equal($"{registry.Host}/pulled@{digest}", await daemon.DockerOk("image", "inspect", "-f", "{{index .RepoDigests 0}}", name));
            Assert.Contains(digest, await daemon.DockerOk("images", "--digests", "--format", "{{.Repository}} {{.Digest}}", registry.Host + "/pulled"));

            var again = await daemon.Docker("pull", name);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.DoesNotContain("Pull complete", again.Stdout);
            Assert.Contains($"Digest: {digest}\nStatus: Image is up to date for {name}\n", again.Stdout);

            // By digest, with the tag gone.
            await daemon.DockerOk("rmi", name);
            string byDigest = $"{registry.Host}/pulled@{digest}";
            var pinned = await daemon.Docker("pull", byDigest);
            Assert.True(pinned.ExitCode == 0, pinned.ToString());
            Assert.StartsWith($"{digest}: Pulling from pulled\n", pinned.Stdout);
            Assert.Equal("from-the-registry", await daemon.DockerOk("run", "--rm", "--network", "none", byDigest, "cat", "/marker"));
            await daemon.DockerOk("rmi", byDigest);
        }
        finally
        {
            await daemon.Docker("rmi", name);
        }
    }

    [RequiresRootFact]
    public async Task Run_of_a_missing_image_pulls_it()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string name = await SeedAsync(registry, "runpull", "pulled-by-run");
        try
        {
            var run = await daemon.Docker("run", "--rm", "--network", "none", name, "cat", "/marker");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("pulled-by-run\n", run.Stdout);
            Assert.Contains($"Unable to find image '{name}' locally", run.Stderr);
            Assert.Contains("Pull complete", run.Stderr);
        }
        finally
        {
            await daemon.Docker("rmi", name);
        }
    }

    [RequiresRootFact]
    public async Task Unknown_tags_and_repositories_fail_as_dockers()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        await registry.SeedAsync("busybox:latest", "bb:latest");

        var tag = await daemon.Docker("pull", registry.Host + "/bb:nope");
        Assert.Equal(1, tag.ExitCode);
        Assert.Equal($"Error response from daemon: manifest for {registry.Host}/bb:nope not found: manifest unknown: manifest unknown\n", tag.Stderr);

        var bad = await daemon.Docker("pull", "--platform", "linux/s390x", registry.Host + "/bb:latest");
        Assert.Equal(1, bad.ExitCode);
    }

    [RequiresRootFact]
    public async Task An_index_gives_linux_amd64_by_default_and_the_platform_asked_for()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        await SeedAsync(registry, "variant-amd64", "i-am-amd64");
        await SeedAsync(registry, "variant-arm64", "i-am-arm64");
        // Both manifests into one repository, then an OCI index over them, as a multi-platform build leaves it.
        string Entry(string repo, string arch, string raw) =>
            "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"sha256:"
            + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)))
            + "\",\"size\":" + System.Text.Encoding.UTF8.GetByteCount(raw) + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
        var entries = new List<string>();
        foreach (var (repo, arch) in new[] { ("variant-arm64", "arm64"), ("variant-amd64", "amd64") })
        {
            var copy = await daemon.InHostNetwork("skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false",
                $"docker://{registry.Host}/{repo}:1", $"docker://{registry.Host}/multi:{arch}");
            Assert.True(copy.ExitCode == 0, copy.ToString());
            string raw = (await registry.InspectAsync($"multi:{arch}", "--raw")).Stdout;
            entries.Add(Entry(repo, arch, raw));
        }
        string index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[" + string.Join(",", entries) + "]}";
        string file = Path.Combine(registry.Dir, "index.json");
        File.WriteAllText(file, index);
        var put = await daemon.InHostNetwork("curl", "-sf", "-X", "PUT", "-H", "Content-Type: application/vnd.oci.image.index.v1+json",
            "--data-binary", "@" + file, $"http://{registry.Host}/v2/multi/manifests/1");
        Assert.True(put.ExitCode == 0, put.ToString());

        string name = registry.Host + "/multi:1";
        try
        {
            var pull = await daemon.Docker("pull", name);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Equal("i-am-amd64", await daemon.DockerOk("run", "--rm", "--network", "none", name, "cat", "/marker"));
            string indexDigest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(index)));
            Assert.Contains($"Digest: {indexDigest}\n", pull.Stdout); // the digest the tag names: the index's

            await daemon.DockerOk("rmi", name);
            var arm = await daemon.Docker("pull", "--platform", "linux/arm64", name);
            Assert.True(arm.ExitCode == 0, arm.ToString());
            Assert.Equal("i-am-arm64", await daemon.DockerOk("run", "--rm", "--network", "none", name, "cat", "/marker"));

            var none = await daemon.Docker("pull", "--platform", "linux/s390x", name);
            Assert.Equal(1, none.ExitCode);
            Assert.Contains("no matching manifest for linux/s390x in the manifest list entries", none.Stderr);
        }
        finally
        {
            await daemon.Docker("rmi", name);
        }
    }

    [RequiresRootFact]
    public async Task Pull_all_tags_pulls_every_tag_of_the_repository()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        await ScratchImage.CreateAsync(daemon, "alltags-seed:1");
        await registry.SeedAsync("alltags-seed:1", "alltags:a");
        await registry.SeedAsync("alltags-seed:1", "alltags:b");
        await daemon.DockerOk("rmi", "alltags-seed:1");
        string repo = registry.Host + "/alltags";
        try
        {
            var pull = await daemon.Docker("pull", "--all-tags", repo);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains("a: Pulling from alltags\n", pull.Stdout);
            Assert.Contains("b: Pulling from alltags\n", pull.Stdout);
            Assert.Contains($"Status: Downloaded newer image for {repo}\n", pull.Stdout);
            Assert.Equal("a\nb", await daemon.DockerOk("images", "--format", "{{.Tag}}", repo));
        }
        finally
        {
            await daemon.Docker("rmi", repo + ":a", repo + ":b");
        }
    }
}
