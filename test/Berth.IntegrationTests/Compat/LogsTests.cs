using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>A detached container and <c>docker logs</c>, as in the seed README's example.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LogsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Detached_loop_logs_tail_timestamps_kill_and_wait()
    {
        var run = await daemon.Docker("run", "-d", "busybox", "sh", "-c", "while true; do echo Hello world; sleep 1; done");
        Assert.Equal(0, run.ExitCode);
        string job = run.Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", job);
        await Task.Delay(2500);

        var logs = await daemon.Docker("logs", job);
        Assert.True(logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, logs.ToString());
        Assert.All(logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal("Hello world", l));

        var tail = await daemon.Docker("logs", "--tail", "1", "--timestamps", job);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z Hello world\n$", tail.Stdout);

        var ps = await daemon.Docker("ps", "--format", "{{.ID}} {{.Status}}");
        Assert.Contains(job[..12] + " Up", ps.Stdout);

        Assert.Equal(0, (await daemon.Docker("kill", job)).ExitCode);
        var wait = await daemon.Docker("wait", job);
        Assert.Equal("137\n", wait.Stdout);
        Assert.Equal(0, (await daemon.Docker("rm", job)).ExitCode);
    }

    [RequiresRootFact]
    public async Task Logs_follow_returns_when_the_container_exits()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.3; done")).Stdout.Trim();
        var follow = await daemon.Docker("logs", "-f", id);
        Assert.Equal("line 1\nline 2\nline 3\n", follow.Stdout);
        await daemon.Docker("rm", id);
    }

    [RequiresRootFact]
    public async Task Log_driver_none_shows_output_but_keeps_no_log_and_unknown_drivers_are_refused()
    {
        var run = await daemon.Docker("run", "--rm", "--network", "none", "--log-driver", "none", "busybox", "echo", "shown");
        Assert.Equal("shown\n", run.Stdout);
        string id = (await daemon.Docker("run", "-d", "--network", "none", "--log-driver", "none", "busybox", "true")).Stdout.Trim();
        await daemon.Docker("wait", id);
        var logs = await daemon.Docker("logs", id);
        Assert.Equal(1, logs.ExitCode);
        Assert.Contains("configured logging driver does not support reading", logs.Stderr);
        await daemon.Docker("rm", id);

        var unknown = await daemon.Docker("run", "--rm", "--log-driver", "syslogx", "busybox", "true");
        Assert.Equal(125, unknown.ExitCode);
        Assert.Contains("logger: no log driver named 'syslogx' is registered", unknown.Stderr);
        var option = await daemon.Docker("create", "--log-opt", "bogus=1", "busybox", "true");
        Assert.Contains("unknown log opt 'bogus' for json-file log driver", option.Stderr);
    }

    [RequiresRootFact]
    public async Task Compressed_rotated_logs_are_gzip_files_and_logs_reads_through_them()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "--log-opt", "max-size=4k", "--log-opt", "max-file=3", "--log-opt", "compress=true", "busybox", "sh", "-c",
            "for b in 0 1 2; do i=0; while [ $i -lt 300 ]; do echo gz-$b-$i; i=$((i+1)); done; sleep 1.5; done")).Stdout.Trim();
        try
        {
            Assert.Equal("0\n", (await daemon.Docker("wait", id)).Stdout);
            var rotated = Directory.GetFiles(Path.Combine(daemon.DataRoot, "containers", id)).Where(f => Path.GetFileName(f).StartsWith(id + ".log.", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(rotated);
            Assert.All(rotated, f => Assert.EndsWith(".gz", f));
            var lines = (await daemon.Docker("logs", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // More lines than the live file holds: the older ones came out of the gzipped files,
            // and with no gap between them (how many were rotated away depends on the timing).
            string live = Directory.GetFiles(Path.Combine(daemon.DataRoot, "containers", id))
                .Single(f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal) && f.EndsWith(".log", StringComparison.Ordinal));
            Assert.True(lines.Length > File.ReadAllLines(live).Length, $"{lines.Length} lines, all in the live file");
            Assert.Equal("gz-2-299", lines[^1]);
            var order = lines.Select(l => int.Parse(l.Split('-')[1]) * 300 + int.Parse(l.Split('-')[2])).ToList();
            Assert.Equal(Enumerable.Range(order[0], order.Count), order);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Max_size_and_max_file_rotate_and_logs_read_across_the_files()
    {
        // Three bursts a second apart, each over the limit: each ends up rotated on its own.
        string id = (await daemon.Docker("run", "-d", "--network", "none", "--log-opt", "max-size=4k", "--log-opt", "max-file=3", "busybox", "sh", "-c",
            "for b in 0 1 2 3; do i=0; while [ $i -lt 300 ]; do echo burst-$b-$i; i=$((i+1)); done; sleep 1.5; done")).Stdout.Trim();
        try
        {
            Assert.Equal("0\n", (await daemon.Docker("wait", id)).Stdout);
            string dir = Path.Combine(daemon.DataRoot, "containers", id);
            var logs = Directory.GetFiles(dir, id + ".log*");
            Assert.InRange(logs.Length, 2, 3); // the live log and at most max-file - 1 rotated ones
            var lines = (await daemon.Docker("logs", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("burst-3-299", lines[^1]);
            Assert.DoesNotContain("burst-0-0", lines); // the oldest burst went with the oldest file
            Assert.Equal(lines.OrderBy(l => int.Parse(l.Split('-')[1]) * 1000 + int.Parse(l.Split('-')[2])), lines);
            Assert.Equal(["burst-3-298", "burst-3-299"], (await daemon.Docker("logs", "--tail", "2", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("{\"Type\":\"json-file\",\"Config\":{\"max-file\":\"3\",\"max-size\":\"4k\"}}\n",
                (await daemon.Docker("inspect", "-f", "{{json .HostConfig.LogConfig}}", id)).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Logs_details_prefix_the_chosen_labels_and_env()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "--label", "team=core", "-e", "STAGE=dev",
            "--log-opt", "labels=team", "--log-opt", "env=STAGE", "busybox", "echo", "hello")).Stdout.Trim();
        await daemon.Docker("wait", id);
        Assert.Equal("STAGE=dev,team=core hello\n", (await daemon.Docker("logs", "--details", id)).Stdout);
        await daemon.Docker("rm", id);
    }
}
