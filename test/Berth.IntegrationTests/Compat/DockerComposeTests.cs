using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>docker-compose 1.29 (Debian's) bringing a project up and down, as a user would.</summary>
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

    private Task<CommandResult> Compose(string file, params string[] args) =>
        ProcessRunner.RunAsync("env", ["DOCKER_HOST=" + daemon.Host, "docker-compose", "--no-ansi", "-p", "bcompose", "-f", file, .. args]);

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
}
