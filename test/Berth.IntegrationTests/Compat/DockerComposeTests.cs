using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>docker-compose 1.29 (Debian's) bringing a project up and down, as a user would: build and image-only projects, every everyday verb.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerComposeTests(DaemonFixture daemon)
{
    private const string Project = """
        version: "2.4"
        services:
          web:
            image: busybox
            command: sleep 300
            ports:
              - "18091:80"
            networks:
              net:
                aliases:
                  - webalias
        networks:
          net: {}
        """;

    private Task<CommandResult> Compose(string file, params string[] args) => ComposeIn("bcompose", file, args);

    private Task<CommandResult> ComposeIn(string project, string file, params string[] args) =>
        ProcessRunner.RunAsync("env", ["DOCKER_HOST=" + daemon.Host, "docker-compose", "--no-ansi", "-p", project, "-f", file, .. args]);

    private const string BuildProject = """
        version: "2.4"
        services:
          api:
            build: ./api
            ports:
              - "18095:8080"
            volumes:
              - data:/data
            networks: [back]
            depends_on: [db]
          worker:
            build:
              context: ./worker
              args:
                GREETING: hello-from-arg
            networks: [back]
            depends_on: [api]
          db:
            image: busybox
            command: sleep 300
            networks: [back]
        volumes:
          data: {}
        networks:
          back: {}
        """;

    [RequiresRootFact]
    public async Task Up_build_ps_logs_exec_and_down_v_of_a_project_with_built_services()
    {
        string dir = Directory.CreateTempSubdirectory("berth-compose-build-").FullName;
        string file = Path.Combine(dir, "docker-compose.yml");
        File.WriteAllText(file, BuildProject);
        Directory.CreateDirectory(Path.Combine(dir, "api"));
        File.WriteAllText(Path.Combine(dir, "api", "msg.txt"), "message from the api context\n");
        File.WriteAllText(Path.Combine(dir, "api", "Dockerfile"),
            "FROM busybox\nCOPY msg.txt /msg.txt\nCMD [\"sh\", \"-c\", \"cp /msg.txt /data/msg; echo api-started; exec sleep 300\"]\n");
        Directory.CreateDirectory(Path.Combine(dir, "worker"));
        File.WriteAllText(Path.Combine(dir, "worker", "Dockerfile"),
            "FROM busybox\nARG GREETING\nRUN echo $GREETING > /greeting\nCMD [\"sh\", \"-c\", \"cat /greeting; exec sleep 300\"]\n");
        try
        {
            var up = await ComposeIn("bcbuild", file, "up", "-d", "--build");
            Assert.True(up.ExitCode == 0, up.ToString());

            var ps = await ComposeIn("bcbuild", file, "ps");
            Assert.True(ps.ExitCode == 0, ps.ToString());
            foreach (string service in new[] { "api", "worker", "db" })
                Assert.Contains("Up", ps.Stdout.Split('\n').Single(l => l.StartsWith($"bcbuild_{service}_1", StringComparison.Ordinal)));
            Assert.Contains("18095->8080/tcp", ps.Stdout.Split('\n').Single(l => l.StartsWith("bcbuild_api_1", StringComparison.Ordinal)));

            string logs = "";
            for (int i = 0; i < 50 && !(logs.Contains("api-started") && logs.Contains("hello-from-arg")); i++, await Task.Delay(100))
                logs = (await ComposeIn("bcbuild", file, "logs", "--no-color")).Stdout;
            Assert.Contains("api-started", logs);
            Assert.Contains("hello-from-arg", logs);

            // The named volume holds what the api wrote; exec sees it, and the worker reaches db by name.
            var exec = await ComposeIn("bcbuild", file, "exec", "-T", "api", "cat", "/data/msg");
            Assert.True(exec.ExitCode == 0, exec.ToString());
            Assert.Equal("message from the api context\n", exec.Stdout);
            var resolve = await ComposeIn("bcbuild", file, "exec", "-T", "worker", "nslookup", "db");
            Assert.True(resolve.ExitCode == 0, resolve.ToString());

            var down = await ComposeIn("bcbuild", file, "down", "-v", "-t", "1");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal("", (await daemon.Docker("ps", "-aq", "--filter", "name=bcbuild_")).Stdout);
            Assert.Equal("", (await daemon.Docker("network", "ls", "-q", "--filter", "name=bcbuild_")).Stdout);
            Assert.Equal("", (await daemon.Docker("volume", "ls", "-q", "--filter", "name=bcbuild_")).Stdout);
        }
        finally
        {
            await ComposeIn("bcbuild", file, "down", "-v", "-t", "1", "--rmi", "local");
            foreach (string c in new[] { "bcbuild_api_1", "bcbuild_worker_1", "bcbuild_db_1" })
                await daemon.Docker("rm", "-f", c);
            await daemon.Docker("network", "rm", "bcbuild_back");
            await daemon.Docker("volume", "rm", "bcbuild_data");
            await daemon.Docker("rmi", "bcbuild_api", "bcbuild_worker");
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Up_ps_and_down_of_a_one_service_project_on_a_user_network()
    {
        string dir = Directory.CreateTempSubdirectory("berth-compose-").FullName;
        string file = Path.Combine(dir, "docker-compose.yml");
        File.WriteAllText(file, Project);
        try
        {
            var up = await Compose(file, "up", "-d");
            Assert.True(up.ExitCode == 0, up.ToString());

            var ps = await Compose(file, "ps");
            Assert.True(ps.ExitCode == 0, ps.ToString());
            string row = ps.Stdout.Split('\n').Single(l => l.StartsWith("bcompose_web_1", StringComparison.Ordinal));
            Assert.Contains("sleep 300", row);
            Assert.Contains("Up", row);
            Assert.Contains("18091->80/tcp", row);

            // The network mode stays the project's network, with the service's alias on it.
            string inspect = (await daemon.Docker("inspect", "-f",
                "{{.HostConfig.NetworkMode}} {{.State.Status}} {{(index .NetworkSettings.Networks \"bcompose_net\").Aliases}}", "bcompose_web_1")).Stdout;
            Assert.StartsWith("bcompose_net running [", inspect);
            Assert.Contains("webalias", inspect);

            var down = await Compose(file, "down");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal("", (await daemon.Docker("ps", "-aq", "--filter", "name=bcompose_")).Stdout);
            Assert.Equal("", (await daemon.Docker("network", "ls", "-q", "--filter", "name=bcompose_net")).Stdout);
        }
        finally
        {
            await Compose(file, "down");
            await daemon.Docker("rm", "-f", "bcompose_web_1");
            await daemon.Docker("network", "rm", "bcompose_net");
            Directory.Delete(dir, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Sysctls_of_a_service_are_set_in_its_container()
    {
        string dir = Directory.CreateTempSubdirectory("berth-compose-sysctl-").FullName;
        string file = Path.Combine(dir, "docker-compose.yml");
        File.WriteAllText(file, """
            version: "2.4"
            services:
              s:
                image: busybox
                network_mode: none
                command: cat /proc/sys/net/core/somaxconn /proc/sys/kernel/shmmni
                sysctls:
                  net.core.somaxconn: 1024
                  kernel.shmmni: 8192
            """);
        try
        {
            var up = await ComposeIn("bcsysctl", file, "up");
            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.Equal("1024\n8192", await daemon.DockerOk("logs", "bcsysctl_s_1"));
            Assert.Equal("""{"kernel.shmmni":"8192","net.core.somaxconn":"1024"}""", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.Sysctls}}", "bcsysctl_s_1"));
        }
        finally
        {
            await ComposeIn("bcsysctl", file, "down");
            await daemon.Docker("rm", "-f", "bcsysctl_s_1");
            Directory.Delete(dir, recursive: true);
        }
    }

    private const string ImageProject = """
        version: "2.4"
        services:
          db:
            image: busybox
            command: sh -c "mkdir -p /www && echo served-by-db > /www/index.html && echo db-up && exec httpd -f -p 8080 -h /www"
            ports:
              - "18097:8080"
            networks:
              back:
                aliases:
                  - dbalias
          web:
            image: busybox
            command: sleep 300
            volumes:
              - data:/data
            networks: [front, back]
            depends_on: [db]
        volumes:
          data: {}
        networks:
          front: {}
          back: {}
        """;

    [RequiresRootFact]
    public async Task Image_only_project_on_two_networks_through_every_verb()
    {
        string dir = Directory.CreateTempSubdirectory("berth-compose-img-").FullName;
        string file = Path.Combine(dir, "docker-compose.yml");
        File.WriteAllText(file, ImageProject);
        Task<CommandResult> Img(params string[] args) => ComposeIn("bcimg", file, args);
        Task<string> StartedAt(string container) => daemon.DockerOk("inspect", "-f", "{{.State.StartedAt}}", container);
        try
        {
            var up = await Img("up", "-d");
            Assert.True(up.ExitCode == 0, up.ToString());
            // depends_on: db was started before web.
            Assert.True(DateTimeOffset.Parse(await StartedAt("bcimg_db_1")) < DateTimeOffset.Parse(await StartedAt("bcimg_web_1")));

            var ps = await Img("ps");
            Assert.True(ps.ExitCode == 0, ps.ToString());
            Assert.Contains("Up", ps.Stdout.Split('\n').Single(l => l.StartsWith("bcimg_web_1", StringComparison.Ordinal)));
            Assert.Contains("18097->8080/tcp", ps.Stdout.Split('\n').Single(l => l.StartsWith("bcimg_db_1", StringComparison.Ordinal)));

            // The alias answers from the other service; the published port from the host.
            string page = "";
            for (int i = 0; i < 50 && page != "served-by-db\n"; i++, await Task.Delay(100))
                page = (await Img("exec", "-T", "web", "wget", "-qO-", "http://dbalias:8080/")).Stdout;
            Assert.Equal("served-by-db\n", page);
            var published = await daemon.InHostNetwork("curl", "-s", "--max-time", "5", $"http://{DaemonFixture.HostAddress}:18097/");
            Assert.Equal("served-by-db\n", published.Stdout);

            Assert.Contains("db-up", (await Img("logs", "--no-color", "db")).Stdout);

            var exec = await Img("exec", "-T", "web", "sh", "-c", "echo from-exec; exit 3");
            Assert.Equal((3, "from-exec\n"), (exec.ExitCode, exec.Stdout));

            string before = await StartedAt("bcimg_web_1");
            var restart = await Img("restart", "-t", "1", "web");
            Assert.True(restart.ExitCode == 0, restart.ToString());
            Assert.NotEqual(before, await StartedAt("bcimg_web_1"));

            var scale = await Img("up", "-d", "--scale", "web=2");
            Assert.True(scale.ExitCode == 0, scale.ToString());
            Assert.Equal(["bcimg_web_1", "bcimg_web_2"],
                (await daemon.DockerOk("ps", "--filter", "name=bcimg_web_", "--format", "{{.Names}}")).Split('\n').Order());

            var down = await Img("down", "-v", "-t", "1");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal("", (await daemon.Docker("ps", "-aq", "--filter", "name=bcimg_")).Stdout);
            Assert.Equal("", (await daemon.Docker("network", "ls", "-q", "--filter", "name=bcimg_")).Stdout);
            Assert.Equal("", (await daemon.Docker("volume", "ls", "-q", "--filter", "name=bcimg_")).Stdout);
        }
        finally
        {
            await Img("down", "-v", "-t", "1");
            foreach (string c in new[] { "bcimg_db_1", "bcimg_web_1", "bcimg_web_2" })
                await daemon.Docker("rm", "-f", c);
            await daemon.Docker("network", "rm", "bcimg_front", "bcimg_back");
            await daemon.Docker("volume", "rm", "bcimg_data");
            Directory.Delete(dir, recursive: true);
        }
    }
    private static string RegistryProject(string registry) => $$"""
        version: "3.8"
        services:
          app:
            build:
              context: ./app
              labels:
                com.example.build: "bcreg"
            image: {{registry}}/bcreg/app:1.0
            hostname: apphost
            networks:
              default:
                aliases: [api]
          cache:
            image: {{registry}}/bcreg/base:latest
            command: ["sh", "-c", "echo cache-ready; exec sleep 300"]
            stop_grace_period: 1s
            volumes:
              - type: volume
                source: cachedata
                target: /cache
        volumes:
          cachedata: {}
        """;

    /// <summary>
    /// A version 3 project whose images come from and go to a registry: the long volume syntax
    /// (docker-py sends ReadOnly null), build labels, push and pull as compose prints them,
    /// aliases as compose 1.x reads them (API 1.38), restart's events, and down --rmi all.
    /// </summary>
    [RequiresRootFact]
    public async Task Registry_project_pull_build_push_events_and_down_rmi_all()
    {
        if (!LocalRegistry.Available) return;
        await using var registry = await LocalRegistry.StartAsync(daemon);
        string dir = Directory.CreateTempSubdirectory("berth-compose-reg-").FullName;
        string file = Path.Combine(dir, "docker-compose.yml");
        File.WriteAllText(file, RegistryProject(registry.Host));
        Directory.CreateDirectory(Path.Combine(dir, "app"));
        File.WriteAllText(Path.Combine(dir, "app", "Dockerfile"), "FROM busybox\nCMD [\"sleep\", \"300\"]\n");
        Task<CommandResult> Reg(params string[] args) => ComposeIn("bcreg", file, args);
        string base_ = registry.Host + "/bcreg/base:latest";
        try
        {
            await daemon.DockerOk("tag", "busybox", base_);
            await daemon.DockerOk("push", base_);
            await daemon.DockerOk("rmi", base_);

            // Pull's messages are the lines compose prints (those without progressDetail).
            var pull = await Reg("pull", "cache");
            Assert.True(pull.ExitCode == 0, pull.ToString());
            Assert.Contains("Pulling cache ... pulling from bcreg/base", pull.Stderr);
            Assert.Contains("Pulling cache ... digest: sha256:", pull.Stderr);

            // Each build label is a step of its own, as Docker's builder shows it.
            var build = await Reg("build", "app");
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains("Step 3/3 : LABEL com.example.build=bcreg\n", build.Stdout);

            var push = await Reg("push", "app");
            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Contains($"The push refers to repository [{registry.Host}/bcreg/app]\n", push.Stdout);
            Assert.Matches(@"1\.0: digest: sha256:[0-9a-f]{64} size: \d+\n", push.Stdout);

            var up = await Reg("up", "-d");
            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.Equal("true", await daemon.DockerOk("network", "inspect", "-f", "{{.Attachable}}", "bcreg_default"));
            // What dockerd fills in at create though compose's body leaves it out.
            Assert.Equal("private 67108864 false", await daemon.DockerOk("inspect", "-f",
                "{{.HostConfig.IpcMode}} {{.HostConfig.ShmSize}} {{.HostConfig.OomKillDisable}}", "bcreg_app_1"));
            Assert.Equal("/cache volume bcreg_cachedata true", await daemon.DockerOk("inspect", "-f",
                "{{range .Mounts}}{{.Destination}} {{.Type}} {{.Name}} {{.RW}}{{end}}", "bcreg_cache_1"));

            // Below API 1.45 (docker-py pinned to an old version) the aliases hold the short ID and
            // hostname after compose's own, once each; DNSNames name each once at any version.
            string id = await daemon.DockerOk("inspect", "-f", "{{.Id}}", "bcreg_app_1");
            using (var http = daemon.CreateHttpClient())
            {
                List<string> Names(string json, string field) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("NetworkSettings")
                    .GetProperty("Networks").GetProperty("bcreg_default").GetProperty(field).EnumerateArray().Select(a => a.GetString()!).ToList();
                var aliases = Names(await http.GetStringAsync("/v1.38/containers/bcreg_app_1/json"), "Aliases");
                Assert.Equal(new[] { "api", "app", "apphost", id[..12] }.Order(StringComparer.Ordinal), aliases.Order(StringComparer.Ordinal));
                Assert.Equal("apphost", aliases[^1]);
                var dnsNames = Names(await http.GetStringAsync("/containers/bcreg_app_1/json"), "DNSNames");
                Assert.Equal(new[] { "api", "app", "apphost", "bcreg_app_1", id[..12] }.Order(StringComparer.Ordinal), dnsNames.Order(StringComparer.Ordinal));
                Assert.Equal(["bcreg_app_1"], dnsNames.Take(1));
            }
            var resolve = await Reg("exec", "-T", "cache", "nslookup", "apphost");
            Assert.True(resolve.ExitCode == 0, resolve.ToString());

            // compose events: a restart is kill, die, stop, start, restart, as dockerd sends them.
            var events = ProcessRunner.RunAsync("env", ["DOCKER_HOST=" + daemon.Host, "timeout", "30", "docker-compose", "--no-ansi", "-p", "bcreg", "-f", file, "events", "--json"]);
            await Task.Delay(6000); // compose subscribes once python is up; earlier events are not replayed
            var restart = await Reg("restart", "-t", "1", "cache");
            Assert.True(restart.ExitCode == 0, restart.ToString());
            var seen = (await events).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("service").GetString() == "cache")
                .Select(e => e.GetProperty("action").GetString()).ToList();
            Assert.Equal(["kill", "kill", "die", "stop", "start", "restart"], seen);

            // down --rmi all: the pulled and pushed images go with their digests; nothing of the project is left.
            var down = await Reg("down", "-v", "--rmi", "all", "-t", "1");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.DoesNotContain(registry.Host, await daemon.DockerOk("images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}"));
        }
        finally
        {
            await Reg("down", "-v", "-t", "1", "--rmi", "all");
            foreach (string c in new[] { "bcreg_app_1", "bcreg_cache_1" })
                await daemon.Docker("rm", "-f", c);
            await daemon.Docker("network", "rm", "bcreg_default");
            await daemon.Docker("volume", "rm", "bcreg_cachedata");
            await daemon.Docker("rmi", registry.Host + "/bcreg/app:1.0", base_);
            Directory.Delete(dir, recursive: true);
        }
    }
}
