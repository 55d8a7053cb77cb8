using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker build</c> (the classic builder's <c>POST /build</c>) and <c>berth build</c> against berthd.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BuildTests(DaemonFixture daemon) : IAsyncLifetime
{
    private readonly BuildScratch _scratch = new(daemon, "berth-build-");

    private string Context => _scratch.Context;

    public Task InitializeAsync() => _scratch.RememberImagesAsync();

    public Task DisposeAsync() => _scratch.RemoveAsync();

    private void Write(string path, string text) => _scratch.Write(path, text);

    [RequiresRootFact]
    public async Task A_multi_step_build_runs_its_steps_and_a_rebuild_uses_the_cache_for_every_step()
    {
        Write("hello.txt", "hello from the context\n");
        Write("Dockerfile", """
            FROM busybox
            ENV GREETING=hi
            WORKDIR /app
            COPY hello.txt .
            RUN echo building in $(pwd); cat hello.txt > copy.txt
            CMD ["sh", "-c", "echo $GREETING; cat /app/copy.txt"]
            """);
        try
        {
            var first = await daemon.Docker("build", "-t", "build-test/multi:1", "-t", "build-test/multi:latest", Context);
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Contains("Step 1/6 : FROM busybox\n", first.Stdout);
            Assert.Contains("Step 5/6 : RUN echo building in $(pwd); cat hello.txt > copy.txt\n ---> Running in ", first.Stdout);
            Assert.Contains("building in /app\n", first.Stdout);
            Assert.Matches(@"Removing intermediate container [0-9a-f]{12}\n ---> [0-9a-f]{12}\n", first.Stdout);
            Assert.Contains("Successfully tagged build-test/multi:1\n", first.Stdout);
            Assert.Contains("Successfully tagged build-test/multi:latest\n", first.Stdout);
            string id = first.Stdout.Split("Successfully built ")[1][..12];

            var run = await daemon.Docker("run", "--rm", "--network", "none", "build-test/multi:1");
            Assert.Equal("hi\nhello from the context\n", run.Stdout);

            var second = await daemon.Docker("build", "-t", "build-test/multi:1", Context);
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(5, second.Stdout.Split(" ---> Using cache\n").Length - 1);
            Assert.DoesNotContain("Running in", second.Stdout);
            Assert.Contains($"Successfully built {id}\n", second.Stdout);

            var history = await daemon.DockerOk("history", "--no-trunc", "--format", "{{.CreatedBy}}", "build-test/multi:1");
            Assert.Contains("/bin/sh -c #(nop) WORKDIR /app", history);
            Assert.Contains("/bin/sh -c #(nop)  ENV GREETING=hi", history);
        }
        finally
        {
            await daemon.Docker("rmi", "build-test/multi:1", "build-test/multi:latest");
        }
    }

    [RequiresRootFact]
    public async Task A_failing_RUN_prints_its_output_then_dockers_message_and_exits_with_its_code()
    {
        Write("Dockerfile", "FROM busybox\nRUN echo before-failure; exit 3\nRUN echo never\n");
        var build = await daemon.Docker("build", "--network", "none", Context);
        Assert.Equal(3, build.ExitCode);
        Assert.Contains("before-failure\n", build.Stdout);
        Assert.DoesNotContain("never", build.Stdout.Replace("RUN echo never", ""));
        Assert.Contains("The command '/bin/sh -c echo before-failure; exit 3' returned a non-zero code: 3", build.Stderr);
        // As Docker: the failed step's container is kept (without --force-rm) for inspection.
        string kept = (await daemon.DockerOk("ps", "-aq", "--filter", "status=exited")).Split('\n')[0];
        Assert.NotEqual("", kept);
        await daemon.Docker("rm", kept);
    }

    [RequiresRootFact]
    public async Task A_syntax_error_names_its_line_before_any_step_runs()
    {
        Write("Dockerfile", "FROM busybox\nRUN true\nFOO bar\n");
        var build = await daemon.Docker("build", Context);
        Assert.Equal(1, build.ExitCode);
        Assert.Contains("dockerfile parse error line 3: unknown instruction: FOO", build.Stderr);
        Assert.DoesNotContain("Step 1", build.Stdout);
    }

    [RequiresRootFact]
    public async Task Target_builds_the_stages_up_to_the_one_named_and_copies_between_stages()
    {
        Write("Dockerfile", """
            ARG WHO=world
            FROM busybox AS base
            ARG WHO
            RUN mkdir /out && echo "hello $WHO" > /out/greeting
            FROM busybox AS final
            COPY --from=base /out/greeting /greeting
            CMD ["cat", "/greeting"]
            FROM final AS extra
            RUN echo extra-stage-ran
            """);
        try
        {
            var build = await daemon.Docker("build", "--network", "none", "--target", "final", "--build-arg", "WHO=stages", "-t", "build-test/target", Context);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("extra-stage-ran", build.Stdout);
            Assert.Contains("Step 1/7 : ARG WHO=world", build.Stdout);
            Assert.Equal("hello stages\n", (await daemon.Docker("run", "--rm", "--network", "none", "build-test/target")).Stdout);

            var missing = await daemon.Docker("build", "--target", "nope", Context);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("failed to reach build target nope in Dockerfile", missing.Stderr);
        }
        finally
        {
            await daemon.Docker("rmi", "build-test/target");
        }
    }

    [RequiresRootFact]
    public async Task Dockerignore_keeps_files_out_of_the_context_with_exceptions()
    {
        Write("keep.txt", "k");
        Write("secret.key", "s");
        Write("logs/a.log", "a");
        Write("logs/important.log", "i");
        Write(".dockerignore", "*.key\nlogs\n!logs/important.log\n");
        Write("Dockerfile", "FROM busybox\nCOPY . /ctx\nRUN find /ctx -type f | sort\n");
        try
        {
            var build = await daemon.Docker("build", "--network", "none", "-t", "build-test/ignore", Context);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains("/ctx/keep.txt\n", build.Stdout);
            Assert.Contains("/ctx/logs/important.log\n", build.Stdout);
            Assert.DoesNotContain("secret.key", build.Stdout);
            Assert.DoesNotContain("a.log", build.Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", "build-test/ignore");
        }
    }

    [RequiresRootFact]
    public async Task Quiet_prints_only_the_image_id()
    {
        Write("Dockerfile", "FROM busybox\nLABEL quiet=yes\n");
        var build = await daemon.Docker("build", "-q", Context);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", build.Stdout);
        await daemon.Docker("rmi", build.Stdout.Trim());
    }

    [RequiresRootFact]
    public async Task Berth_build_sends_the_context_and_renders_the_steps()
    {
        Write("Dockerfile.custom", "FROM busybox\nARG V\nCOPY <<EOF /msg\nversion $V\nEOF\nRUN cat /msg\n");
        string iid = Path.Combine(Context, "..", Path.GetFileName(Context) + ".iid");
        try
        {
            var build = await daemon.Berth("build", "-f", Path.Combine(Context, "Dockerfile.custom"), "--build-arg", "V=7", "--label", "from=berth",
                "--network", "none", "--iidfile", iid, "-t", "build-test/berth", Context);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.StartsWith("Sending build context to Docker daemon", build.Stdout);
            Assert.Contains("version 7\n", build.Stdout);
            Assert.Contains("Successfully tagged build-test/berth:latest\n", build.Stdout);
            string id = File.ReadAllText(iid);
            Assert.StartsWith("sha256:", id);
            Assert.Equal(id + "|berth\n", (await daemon.Docker("image", "inspect", "-f", "{{.Id}}|{{index .Config.Labels \"from\"}}", "build-test/berth")).Stdout);

            var stdin = await daemon.BerthWith("FROM busybox\nRUN exit 2\n"u8.ToArray(), "build", "--network", "none", "-");
            Assert.Equal(2, stdin.ExitCode);
            Assert.Contains("returned a non-zero code: 2", stdin.Stderr);
            await daemon.Docker("container", "prune", "-f");
        }
        finally
        {
            File.Delete(iid);
            await daemon.Docker("rmi", "build-test/berth");
        }
    }

    [RequiresRootFact]
    public async Task SOURCE_DATE_EPOCH_gives_the_same_image_id_on_every_build()
    {
        Write("data.txt", "data\n");
        Write("Dockerfile", "FROM busybox\nCOPY data.txt /data.txt\nRUN echo made > /made\nCMD [\"cat\", \"/made\"]\n");
        var first = await daemon.Docker("build", "-q", "--no-cache", "--network", "none", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", Context);
        File.SetLastWriteTimeUtc(Path.Combine(Context, "data.txt"), DateTime.UtcNow.AddMinutes(1)); // a fresh checkout
        var second = await daemon.Docker("build", "-q", "--no-cache", "--network", "none", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", Context);
        try
        {
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Equal(first.Stdout, second.Stdout);
            Assert.Equal("2023-11-14T22:13:20Z\n", (await daemon.Docker("image", "inspect", "-f", "{{.Created}}", first.Stdout.Trim())).Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", first.Stdout.Trim());
        }
    }

    [RequiresRootFact]
    public async Task ONBUILD_triggers_run_in_the_child_and_metadata_instructions_land_in_the_config()
    {
        Write("Dockerfile", """
            FROM busybox
            ONBUILD RUN echo triggered > /trig
            EXPOSE 80 53/udp
            VOLUME /data
            STOPSIGNAL SIGINT
            HEALTHCHECK --interval=5s --retries=2 CMD true
            ENTRYPOINT ["echo"]
            LABEL "a b"=c d="e f"
            """);
        try
        {
            await daemon.DockerOk("build", "-q", "-t", "build-test/parent", Context);
            string config = await daemon.DockerOk("image", "inspect", "-f", "{{json .Config}}", "build-test/parent");
            Assert.Contains("\"ExposedPorts\":{\"53/udp\":{},\"80/tcp\":{}}", config);
            Assert.Contains("\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"true\"],\"Interval\":5000000000,\"Retries\":2}", config);
            Assert.Contains("\"Labels\":{\"a b\":\"c\",\"d\":\"e f\"}", config);
            Assert.Contains("\"OnBuild\":[\"RUN echo triggered", config);

            var child = await daemon.DockerWith("FROM build-test/parent\nRUN cat /trig\n"u8.ToArray(), "build", "--network", "none", "-t", "build-test/child", "-");
            Assert.True(child.ExitCode == 0, child.ToString());
            Assert.Contains("# Executing 1 build trigger\n", child.Stdout);
            Assert.Contains("triggered\n", child.Stdout);
            Assert.Equal("null\n", (await daemon.Docker("image", "inspect", "-f", "{{json .Config.OnBuild}}", "build-test/child")).Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", "build-test/child");
            await daemon.Docker("rmi", "build-test/parent");
        }
    }

    [RequiresRootFact]
    public async Task Docker_py_builds_from_a_path_a_file_object_and_a_custom_context()
    {
        if ((await ProcessRunner.RunAsync("python3", ["-c", "import docker"])).ExitCode != 0)
            return; // Debian's python3-docker is not installed
        Write("Dockerfile", "FROM busybox\nCOPY Dockerfile /\nRUN echo from-path\n");
        string script = $$"""
            import docker, io, tarfile
            c = docker.DockerClient(base_url="{{daemon.Host}}")
            img, logs = c.images.build(path="{{Context}}", tag="build-test/py:path", rm=True, network_mode="none")
            print("path", img.tags, any("from-path" in l.get("stream", "") for l in logs))
            img, _ = c.images.build(fileobj=io.BytesIO(b"FROM busybox\nLABEL via=fileobj\n"), tag="build-test/py:fileobj", rm=True)
            print("fileobj", img.labels["via"])
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w:gz") as t:
                data = b"FROM busybox\nCOPY msg /msg\nCMD [\"cat\", \"/msg\"]\n"
                for name, body in (("Dockerfile", data), ("msg", b"custom context\n")):
                    info = tarfile.TarInfo(name); info.size = len(body); t.addfile(info, io.BytesIO(body))
            buf.seek(0)
            img, _ = c.images.build(fileobj=buf, custom_context=True, encoding="gzip", tag="build-test/py:custom", rm=True)
            print("custom", c.containers.run("build-test/py:custom", remove=True, network_mode="none").decode().strip())
            try:
                c.images.build(fileobj=io.BytesIO(b"FROM busybox\nRUN exit 4\n"), forcerm=True, network_mode="none")
            except docker.errors.BuildError as e:
                print("error", e.msg)
            """;
        try
        {
            var run = await ProcessRunner.RunAsync("python3", ["-c", script]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("""
                path ['build-test/py:path'] True
                fileobj fileobj
                custom custom context
                error The command '/bin/sh -c exit 4' returned a non-zero code: 4

                """, run.Stdout);
        }
        finally
        {
            await daemon.Docker("rmi", "build-test/py:path", "build-test/py:fileobj", "build-test/py:custom");
        }
    }

    [RequiresRootFact]
    public async Task Docker_py_builds_with_a_Dockerfile_outside_the_context_and_reads_stderr_in_red()
    {
        if ((await ProcessRunner.RunAsync("python3", ["-c", "import docker"])).ExitCode != 0)
            return; // Debian's python3-docker is not installed
        Write("file.txt", "hello world\n");
        string outside = Path.Combine(Path.GetTempPath(), "berth-build-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "Dockerfile"), "FROM busybox\nCOPY . /src\nRUN cat /src/file.txt >&2\n");
        // docker-py sends such a Dockerfile inside the context under a name of its own, and the
        // query `dockerfile` twice: that name, then the text.
        string script = $$"""
            import docker
            c = docker.APIClient(base_url="{{daemon.Host}}")
            lines = list(c.build(path="{{Context}}", dockerfile="{{outside}}/Dockerfile", tag="build-test/py:outside", decode=True, network_mode="none"))
            print(lines[-1])
            print([l["stream"] for l in lines if "hello" in l.get("stream", "")])
            """;
        try
        {
            var run = await ProcessRunner.RunAsync("python3", ["-c", script]);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("""
                {'stream': 'Successfully tagged build-test/py:outside\n'}
                ['\x1b[91mhello world\n\x1b[0m']

                """, run.Stdout);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
            await daemon.Docker("rmi", "build-test/py:outside");
        }
    }

    [RequiresRootFact]
    public async Task A_hostile_context_is_refused_and_COPY_never_leaves_the_context()
    {
        using var http = daemon.CreateHttpClient();
        var tar = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
        {
            var dockerfile = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream("FROM busybox\n"u8.ToArray()),
            };
            writer.WriteEntry(dockerfile);
            writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "../escaped") { DataStream = new MemoryStream([1]) });
        }
        tar.Position = 0;
        var response = await http.PostAsync("/build", new StreamContent(tar));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid path in archive", await response.Content.ReadAsStringAsync());

        File.CreateSymbolicLink(Path.Combine(Context, "hostfile"), "/etc/hostname");
        Write("Dockerfile", "FROM busybox\nCOPY hostfile /leak\n");
        var build = await daemon.Docker("build", Context);
        Assert.Equal(1, build.ExitCode);
        Assert.Contains("COPY failed: file not found in build context", build.Stderr);

        // An image's absolute symlink must not lead a COPY's write onto the host.
        string target = Path.Combine(Context, "host-target");
        File.WriteAllText(target, "host\n");
        File.Delete(Path.Combine(Context, "hostfile"));
        Write("Dockerfile", $"FROM busybox\nRUN ln -s {target} /evil\nCOPY <<EOF /evil\nfrom the build\nEOF\n");
        var write = await daemon.Docker("build", "-q", "--network", "none", Context);
        Assert.True(write.ExitCode == 0, write.ToString());
        Assert.Equal("host\n", File.ReadAllText(target));
        await daemon.Docker("rmi", write.Stdout.Trim());
    }

    [RequiresRootFact]
    public async Task A_Dockerfile_outside_the_context_or_on_stdin_is_sent_alongside_it()
    {
        Write("ctx/data.txt", "from the context\n");
        Write("outside.Dockerfile", "FROM busybox\nCOPY data.txt /\nRUN cat /data.txt\n");
        string context = Path.Combine(Context, "ctx");
        var outside = await daemon.Docker("build", "--network", "none", "-f", Path.Combine(Context, "outside.Dockerfile"), context);
        Assert.True(outside.ExitCode == 0, outside.ToString());
        Assert.Contains("from the context\n", outside.Stdout);

        var stdin = await daemon.DockerWith("FROM busybox\nCOPY data.txt /copied\n"u8.ToArray(), "build", "-q", "-f-", context);
        Assert.True(stdin.ExitCode == 0, stdin.ToString());
        Assert.Equal("from the context\n", (await daemon.Docker("run", "--rm", "--network", "none", stdin.Stdout.Trim(), "cat", "/copied")).Stdout);
        await daemon.Docker("rmi", stdin.Stdout.Trim());
    }

    [RequiresRootFact]
    public async Task Intermediate_images_are_hidden_from_images_and_removed_with_the_image_built_on_them()
    {
        Write("Dockerfile", "FROM busybox\nENV STEP=1\nRUN echo layer > /layer\nCMD [\"cat\", \"/layer\"]\n");
        var build = await daemon.Docker("build", "-q", "--no-cache", "--network", "none", "-t", "build-test/intermediate", Context);
        Assert.True(build.ExitCode == 0, build.ToString());
        string id = build.Stdout.Trim();
        string parent = await daemon.DockerOk("image", "inspect", "-f", "{{.Parent}}", id);
        Assert.StartsWith("sha256:", parent);
        Assert.DoesNotContain(parent[7..19], await daemon.DockerOk("images", "-q"));
        Assert.Contains(parent[7..19], await daemon.DockerOk("images", "-aq"));

        var rmi = await daemon.DockerOk("rmi", "build-test/intermediate");
        Assert.Contains("Untagged: build-test/intermediate:latest", rmi);
        Assert.Contains("Deleted: " + id, rmi);
        Assert.Contains("Deleted: " + parent, rmi);
        Assert.Equal(1, (await daemon.Docker("image", "inspect", parent)).ExitCode);
        Assert.Equal(0, (await daemon.Docker("image", "inspect", "busybox")).ExitCode);
    }
}
