using System.Globalization;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth stats</c>, compared with what the docker CLI prints against the same daemon where the figures hold still.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliStatsTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task No_stream_names_pids_json_and_errors_match_docker()
    {
        string running = (await Berth("run", "-d", "--name", "cli-stats-a", "-m", "64m", "busybox", "sh", "-c", "while true; do :; done")).Stdout.Trim();
        string created = (await Berth("create", "--name", "cli-stats-c", "busybox", "true")).Stdout.Trim();
        try
        {
            await AssertSame("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "cli-stats-a", "cli-stats-c");
            await AssertSame("container", "stats", "--no-stream", "--format", "{{.Container}} {{.ID}}", "cli-stats-c", created[..8], running);
            await AssertSame("stats", "--no-stream", "--no-trunc", "--format", "table {{.ID}}\t{{.Name}}\t{{.PIDs}}", "cli-stats-a");
            await AssertSame("stats", "--no-stream", "--format", "json", "cli-stats-c");
            await AssertSame("stats", "--no-stream", "cli-stats-c");
            await AssertSame("stats", "--no-stream", "nosuch", "cli-stats-a", "nosuch2");
            await AssertSame("stats", "--no-stream", "--format", "{{.Bad}}", "cli-stats-a");
            await AssertSame("stats", "--no-stream", "--format", "{{.Bad", "cli-stats-a");

            var table = await Berth("stats", "--no-stream", "cli-stats-a");
            Assert.True(table.ExitCode == 0, table.ToString());
            var lines = table.Stdout.Split('\n');
            Assert.Matches(@"^CONTAINER ID   NAME          CPU %     MEM USAGE / LIMIT   MEM %     NET I/O\s+BLOCK I/O\s+PIDS$", lines[0]);
            Assert.Matches(@"^[0-9a-f]{12}   cli-stats-a   \d+\.\d\d%\s+\S+ / 64MiB\s+\d+\.\d\d%\s+\S+ / \S+\s+\S+ / \S+\s+1$", lines[1]);
            var cpu = double.Parse(lines[1].Split("   ", StringSplitOptions.RemoveEmptyEntries)[2].TrimEnd('%'), CultureInfo.InvariantCulture);
            Assert.True(cpu > 20, table.Stdout);

            var all = await Berth("stats", "--no-stream", "-a", "--format", "{{.Name}}");
            Assert.Contains("cli-stats-a\n", all.Stdout);
            Assert.Contains("cli-stats-c\n", all.Stdout);
            Assert.DoesNotContain("cli-stats-c\n", (await Berth("stats", "--no-stream", "--format", "{{.Name}}")).Stdout);
        }
        finally
        {
            await Berth("rm", "-f", running, created);
        }
    }

    [RequiresRootFact]
    public async Task Streaming_redraws_like_docker_and_ctrl_c_ends_it()
    {
        string id = (await Berth("run", "-d", "--name", "cli-stats-s", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            const string Frame = "\u001b[Hcli-stats-s 1\n\u001b[Hcli-stats-s 1 \u001b[K\n \u001b[K\n\u001b[J";
            // docker's stats does not end on SIGINT when given names; it is killed.
            var docker = await ProcessRunner.RunAsync(Repo.DockerCli, ["stats", "--format", "{{.Name}} {{.PIDs}}", "cli-stats-s"],
                env: new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host }, timeout: TimeSpan.FromSeconds(4));
            Assert.StartsWith(Frame, docker.Stdout);
            using var stats = daemon.BerthStreaming("stats", "--format", "{{.Name}} {{.PIDs}}", "cli-stats-s");
            await Task.Delay(3000);
            var berth = await stats.InterruptAsync();
            Assert.True(berth.ExitCode == 130, berth.ToString());
            Assert.StartsWith(Frame + Frame, berth.Stdout);
        }
        finally
        {
            await Berth("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Without_names_containers_that_start_join_and_those_that_die_leave()
    {
        using var stats = daemon.BerthStreaming("stats", "--format", "{{.Name}}");
        await Task.Delay(1500);
        await Berth("run", "--rm", "--name", "cli-stats-late", "busybox", "sleep", "2");
        await Task.Delay(1500);
        var r = await stats.InterruptAsync();
        Assert.True(r.ExitCode == 130, r.ToString());
        Assert.Contains("\u001b[Hcli-stats-late \u001b[K\n", r.Stdout);
        var frames = r.Stdout.Split("\u001b[J");
        Assert.DoesNotContain("cli-stats-late", frames[^2]);
    }

    private async Task AssertSame(params string[] args)
    {
        var docker = await daemon.Docker(args);
        var berth = await Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout.Replace("docker ", "berth "), berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
    }
}
