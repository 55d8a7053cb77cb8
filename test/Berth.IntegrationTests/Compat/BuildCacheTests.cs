using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// The build cache and what feeds it: <c>--cache-from</c>, <c>builder prune</c>, <c>--pull</c>,
/// stages the target does not need, and reproducible builds across two daemons.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class BuildCacheTests(DaemonFixture daemon) : IAsyncLifetime
{
    private readonly BuildScratch _scratch = new(daemon, "berth-bcache-");

    private string Context => _scratch.Context;

    public Task InitializeAsync() => _scratch.RememberImagesAsync();

    /// <summary>Removes the context and every image the test made, and the cache records left for them.</summary>
    public async Task DisposeAsync()
    {
        await _scratch.RemoveAsync();
        if (BuildScratch.CanUseDaemon)
            await daemon.Docker("builder", "prune", "-f");
    }

    private void Write(string path, string text) => _scratch.Write(path, text);

    private static int Hits(CommandResult build) => build.Stdout.Split(" ---> Using cache\n").Length - 1;

    [RequiresRootFact]
    public async Task Cache_from_a_loaded_image_without_cache_records_hits_every_step()
    {
        Write("app.txt", "cache-from payload\n");
        Write("Dockerfile", "FROM busybox\nENV MODE=cachefrom\nCOPY app.txt /app.txt\nRUN cp /app.txt /copied\nCMD [\"cat\", \"/copied\"]\n");
        string archive = Path.Combine(Context, "..", Path.GetFileName(Context) + ".tar");
        try
        {
            var first = await daemon.Docker("build", "--network", "none", "-t", "bcache-cf:1", Context);
            Assert.True(first.ExitCode == 0, first.ToString());
            string id = first.Stdout.Split("Successfully built ")[1][..12];
            await daemon.DockerOk("save", "-o", archive, "bcache-cf:1");
            await daemon.DockerOk("rmi", "bcache-cf:1"); // its step images go with it: the local records lead nowhere
            await daemon.DockerOk("load", "-i", archive);

            var rebuilt = await daemon.Docker("build", "--network", "none", "--cache-from", "bcache-cf:1", "-t", "bcache-cf:2", Context);
            Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
            Assert.Equal(4, Hits(rebuilt));
            Assert.DoesNotContain("Running in", rebuilt.Stdout);
            Assert.Contains($"Successfully built {id}\n", rebuilt.Stdout);
            Assert.Equal("cache-from payload\n", (await daemon.Docker("run", "--rm", "--network", "none", "bcache-cf:2")).Stdout);

            // A changed file: the steps before it still come from the source, the rest run.
            Write("app.txt", "changed\n");
            var changed = await daemon.Docker("build", "--network", "none", "--cache-from", "bcache-cf:1", "-t", "bcache-cf:3", Context);
            Assert.True(changed.ExitCode == 0, changed.ToString());
            Assert.Equal(1, Hits(changed));
            Assert.Equal("changed\n", (await daemon.Docker("run", "--rm", "--network", "none", "bcache-cf:3")).Stdout);
        }
        finally
        {
            File.Delete(archive);
            await daemon.Docker("rmi", "bcache-cf:1", "bcache-cf:2", "bcache-cf:3");
        }
    }

    [RequiresRootFact]
    public async Task Cache_from_takes_local_records_only_of_the_named_images_and_their_ancestors()
    {
        // docker-py's test_build_with_cache_from: named images stand for the whole cache.
        Write("Dockerfile", "FROM busybox\nENV MODE=cachefromonly\nRUN touch /baz\nRUN touch /bax\n");
        try
        {
            await daemon.DockerOk("build", "--network", "none", "-t", "bcache-only:1", Context);
            var named = await daemon.Docker("build", "--network", "none", "--cache-from", "bcache-only:1", "-t", "bcache-only:2", Context);
            Assert.True(named.ExitCode == 0, named.ToString());
            Assert.Equal(3, Hits(named));
            var none = await daemon.Docker("build", "--network", "none", "--cache-from", "bcache-nosuchtag", "-t", "bcache-only:3", Context);
            Assert.True(none.ExitCode == 0, none.ToString());
            Assert.Equal(0, Hits(none));
            var plain = await daemon.Docker("build", "--network", "none", "-t", "bcache-only:4", Context);
            Assert.Equal(3, Hits(plain));
        }
        finally
        {
            await daemon.Docker("rmi", "bcache-only:1", "bcache-only:2", "bcache-only:3", "bcache-only:4");
        }
    }

    [RequiresRootFact]
    public async Task Builder_prune_drops_dangling_records_with_their_images_and_all_with_a()
    {
        Write("Dockerfile", "FROM busybox\nRUN head -c 300000 /dev/zero > /blob\n");
        string dangling = Path.Combine(Context, "dangling");
        Directory.CreateDirectory(dangling);
        File.WriteAllText(Path.Combine(dangling, "Dockerfile"), "FROM busybox\nRUN head -c 200000 /dev/zero > /other\n");
        try
        {
            var tagged = await daemon.Docker("build", "--network", "none", "-t", "bcache-prune", Context);
            Assert.True(tagged.ExitCode == 0, tagged.ToString());
            var untagged = await daemon.Docker("build", "--network", "none", dangling);
            Assert.True(untagged.ExitCode == 0, untagged.ToString());
            string danglingId = untagged.Stdout.Split("Successfully built ")[1][..12];

            var prune = await daemon.Docker("builder", "prune", "-f");
            Assert.True(prune.ExitCode == 0, prune.ToString());
            Assert.Contains("Deleted build cache objects:\n", prune.Stdout);
            Assert.Matches(@"Total reclaimed space: 20\dkB", prune.Stdout);
            Assert.Equal(1, (await daemon.Docker("image", "inspect", danglingId)).ExitCode);
            // The tagged image's steps are not dangling: still cached.
            Assert.Equal(1, Hits(await daemon.Docker("build", "--network", "none", "-t", "bcache-prune", Context)));

            var all = await daemon.Docker("builder", "prune", "-af");
            Assert.True(all.ExitCode == 0, all.ToString());
            Assert.Contains("Deleted build cache objects:\n", all.Stdout);
            Assert.Contains("Total reclaimed space: 0B\n", all.Stdout); // the layers stay with the tagged image
            var again = await daemon.Docker("build", "--network", "none", "-t", "bcache-prune", Context);
            Assert.Equal(0, Hits(again));
            Assert.Contains("Running in", again.Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", "bcache-prune");
        }
    }

    [RequiresRootFact]
    public async Task Stages_the_target_does_not_need_never_run()
    {
        Write("Dockerfile", """
            FROM busybox AS unused
            RUN echo unused-stage-ran
            FROM busybox AS dep
            RUN echo dep-stage-ran; echo from-dep > /dep
            FROM busybox AS final
            COPY --from=dep /dep /dep
            RUN echo final-stage-ran
            FROM final AS after
            RUN echo after-stage-ran
            """);
        try
        {
            var target = await daemon.Docker("build", "--network", "none", "--no-cache", "--target", "final", "-t", "bcache-stages", Context);
            Assert.True(target.ExitCode == 0, target.ToString());
            Assert.DoesNotContain("unused-stage-ran\n", target.Stdout);
            Assert.DoesNotContain("after-stage-ran\n", target.Stdout);
            Assert.Contains("dep-stage-ran\n", target.Stdout);
            Assert.Contains("final-stage-ran\n", target.Stdout);
            Assert.Contains("Step 1/5 : FROM busybox AS dep\n", target.Stdout);

            var last = await daemon.Docker("build", "--network", "none", "--no-cache", Context);
            Assert.True(last.ExitCode == 0, last.ToString());
            Assert.DoesNotContain("unused-stage-ran\n", last.Stdout);
            Assert.Contains("after-stage-ran\n", last.Stdout);
            Assert.Contains("Step 7/7 : RUN echo after-stage-ran\n", last.Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", "bcache-stages");
        }
    }

    [RequiresRootFact]
    public async Task Pull_fetches_the_FROM_image_even_when_an_older_one_is_present()
    {
        if (!LocalRegistry.Available)
            return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string name = registry.Host + "/bcache/base:latest";
        string marker = Path.Combine(Context, "marker");
        Directory.CreateDirectory(marker);
        File.WriteAllText(Path.Combine(marker, "Dockerfile"), "FROM busybox\nRUN echo newer-base > /marker\n");
        Write("Dockerfile", $"FROM {name}\nRUN cat /marker\n");
        try
        {
            await registry.SeedAsync("busybox:latest", "bcache/base:latest");
            await daemon.DockerOk("pull", name);
            var newer = await daemon.Docker("build", "--network", "none", "-t", "bcache-marker", marker);
            Assert.True(newer.ExitCode == 0, newer.ToString());
            await registry.SeedAsync("bcache-marker", "bcache/base:latest");

            var stale = await daemon.Docker("build", "--network", "none", Context);
            Assert.NotEqual(0, stale.ExitCode); // the local, older base has no /marker

            var pulled = await daemon.Docker("build", "--network", "none", "--pull", "-t", "bcache-pulled", Context);
            Assert.True(pulled.ExitCode == 0, pulled.ToString());
            Assert.Contains("newer-base\n", pulled.Stdout);
            Assert.Contains("Status: Downloaded newer image for " + name, pulled.Stdout);
        }
        finally
        {
            foreach (string id in (await daemon.Docker("ps", "-aq", "--filter", "ancestor=" + name)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                await daemon.Docker("rm", "-f", id);
            await daemon.Docker("rmi", "-f", name, "bcache-marker", "bcache-pulled");
        }
    }

    [RequiresRootFact]
    public async Task Two_daemons_build_the_same_image_id_with_SOURCE_DATE_EPOCH_and_the_same_COPY_layer_without()
    {
        Write("src/a.txt", "alpha\n");
        Write("src/b/c.txt", "gamma\n");
        Write("Dockerfile", "FROM busybox\nCOPY src /src\nRUN cat /src/a.txt /src/b/c.txt > /joined\nENV REPRO=1\n");
        var other = new DaemonFixture();
        string archive = Path.Combine(other.Dir, "busybox.tar");
        try
        {
            await other.InitializeAsync();
            // The same base on both: busybox as the shared daemon has it.
            await daemon.DockerOk("save", "-o", archive, "busybox:latest");
            await other.DockerOk("load", "-i", archive);

            async Task<string> Build(DaemonFixture d, params string[] extra)
            {
                var r = await d.Docker(["build", "-q", "--no-cache", "--network", "none", .. extra, Context]);
                Assert.True(r.ExitCode == 0, r.ToString());
                return r.Stdout.Trim();
            }
            string[] epoch = ["--build-arg", "SOURCE_DATE_EPOCH=1700000000"];
            Assert.Equal(await Build(daemon, epoch), await Build(other, epoch));

            string here = await Build(daemon), there = await Build(other);
            Assert.NotEqual(here, there); // times differ without the epoch...
            var layersHere = (await daemon.DockerOk("image", "inspect", "-f", "{{json .RootFS.Layers}}", here)).Trim();
            var layersThere = (await other.DockerOk("image", "inspect", "-f", "{{json .RootFS.Layers}}", there)).Trim();
            // ...but the COPY layer (the second) is byte for byte the same.
            Assert.Equal(layersHere.Split(',')[1], layersThere.Split(',')[1]);
            Assert.Equal(layersHere.Split(',')[0], layersThere.Split(',')[0]);
        }
        finally
        {
            await other.DisposeAsync();
        }
    }
}
