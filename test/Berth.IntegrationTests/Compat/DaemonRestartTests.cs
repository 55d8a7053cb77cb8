using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A kill -9 of berthd while a container runs: conmon holds the container, so after a
/// restart on the same roots it is still running, its log is whole, and stop still works.
/// Uses a daemon of its own, since it kills it.
/// </summary>
public sealed class DaemonRestartTests : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new();

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    [RequiresRootFact]
    public async Task Containers_survive_a_daemon_kill()
    {
        string id = (await _daemon.Docker("run", "-d", "busybox", "sh", "-c",
            "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done")).Stdout.Trim();
        await Task.Delay(1000);
        _daemon.Kill();
        await Task.Delay(1500); // the container keeps writing while nobody watches
        await _daemon.StartAsync();

        var ps = await _daemon.Docker("ps", "-q", "--no-trunc");
        Assert.Contains(id, ps.Stdout);
        Assert.Equal("true\n", (await _daemon.Docker("inspect", "-f", "{{.State.Running}}", id)).Stdout);

        var logs = (await _daemon.Docker("logs", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(logs.Length >= 10, $"only {logs.Length} lines");
        for (int i = 0; i < logs.Length; i++)
            Assert.Equal($"line {i + 1}", logs[i]);

        Assert.Equal(0, (await _daemon.Docker("stop", id)).ExitCode);
        Assert.Equal("exited 0\n", (await _daemon.Docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id)).Stdout);
    }

    [RequiresRootFact]
    public async Task A_removal_cut_short_by_a_kill_leaves_nothing_after_restart()
    {
        // Thousands of files in the writable layer: rm answers once they are out of the way,
        // and the kill lands while they are still being deleted.
        string id = (await _daemon.Docker("run", "-d", "busybox", "sh", "-c", "mkdir /many && cd /many && seq 1 5000 | xargs touch")).Stdout.Trim();
        await _daemon.Docker("wait", id);
        Assert.Equal(0, (await _daemon.Docker("rm", id)).ExitCode);
        _daemon.Kill();
        // What a kill between the rename and the end of the deletion leaves, for certain.
        string overlay = Path.Combine(_daemon.DataRoot, "overlay"), containers = Path.Combine(_daemon.DataRoot, "containers");
        Directory.CreateDirectory(Path.Combine(overlay, "trash-" + id + "-planted", "diff", "many"));
        File.WriteAllText(Path.Combine(overlay, "trash-" + id + "-planted", "diff", "many", "f"), "x");
        Directory.CreateDirectory(Path.Combine(containers, "trash-" + id + "-planted"));
        await _daemon.StartAsync();

        var left = Directory.EnumerateDirectories(overlay).Concat(Directory.EnumerateDirectories(containers))
            .Where(d => Path.GetFileName(d).Contains(id, StringComparison.Ordinal)).ToList();
        Assert.Empty(left);
        Assert.Equal("", (await _daemon.Docker("ps", "-aq", "--filter", "id=" + id)).Stdout);
        Assert.Equal(0, (await _daemon.Docker("run", "--rm", "busybox", "true")).ExitCode);
    }

    [RequiresRootFact]
    public async Task An_exit_while_the_daemon_is_down_is_recorded_at_restart()
    {
        string id = (await _daemon.Docker("run", "-d", "busybox", "sh", "-c", "sleep 1; exit 5")).Stdout.Trim();
        _daemon.Kill();
        await Task.Delay(2000);
        await _daemon.StartAsync();
        var state = await _daemon.Docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id);
        Assert.Equal("exited 5\n", state.Stdout);
        Assert.Equal(0, (await _daemon.Docker("rm", id)).ExitCode);
    }

    [RequiresRootFact]
    public async Task The_network_of_a_container_that_exited_while_the_daemon_was_down_is_torn_down_at_restart()
    {
        string running = (await _daemon.Docker("run", "-d", "-p", "18090:80", "busybox", "sleep", "60")).Stdout.Trim();
        string exiting = (await _daemon.Docker("run", "-d", "-p", "18091:80", "busybox", "sleep", "1")).Stdout.Trim();
        _daemon.Kill();
        // A namespace no container owns, as a crash between CNI ADD and the record would leave.
        string orphan = Path.Combine(_daemon.ExecRoot, "netns", new string('f', 64));
        File.WriteAllBytes(orphan, []);
        Assert.Equal(0, (await ProcessRunner.RunAsync("unshare", ["--net=" + orphan, "true"])).ExitCode);
        await Task.Delay(2000);
        await _daemon.StartAsync();

        Assert.False(File.Exists(Path.Combine(_daemon.ExecRoot, "netns", exiting)));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(Path.Combine(_daemon.ExecRoot, "netns", running)));
        string rules = (await _daemon.InHostNetwork("iptables-save")).Stdout;
        Assert.DoesNotContain(exiting, rules);
        Assert.Contains(running, rules);
        // The running container still holds its port; the exited one's is free again.
        var taken = await _daemon.Docker("run", "-d", "-p", "18090:80", "busybox", "true");
        Assert.Contains("port is already allocated", taken.Stderr);
        Assert.Equal(0, (await _daemon.Docker("run", "--rm", "-p", "18091:80", "busybox", "true")).ExitCode);
        await _daemon.Docker("rm", "-f", running, exiting);
    }

    [RequiresRootFact]
    public async Task User_networks_and_connected_interfaces_are_restored_or_torn_down_after_a_kill()
    {
        string netId = (await _daemon.Docker("network", "create", "--subnet", "10.93.1.0/24", "dr-a")).Stdout.Trim();
        Assert.Equal(0, (await _daemon.Docker("network", "create", "--subnet", "10.93.2.0/24", "dr-b")).ExitCode);
        string web = (await _daemon.Docker("run", "-d", "--name", "dr-web", "--network", "dr-a", "busybox", "sh", "-c",
            "mkdir /www && echo hello > /www/index.html && exec httpd -f -p 80 -h /www")).Stdout.Trim();
        string exiting = (await _daemon.Docker("run", "-d", "--network", "dr-a", "busybox", "sleep", "2")).Stdout.Trim();
        Assert.Equal(0, (await _daemon.Docker("network", "connect", "dr-b", exiting)).ExitCode);
        Assert.Equal(0, (await _daemon.Docker("network", "connect", "dr-b", web)).ExitCode);
        _daemon.Kill();
        await Task.Delay(3000);
        await _daemon.StartAsync();

        Assert.False(File.Exists(Path.Combine(_daemon.ExecRoot, "netns", exiting)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_daemon.ExecRoot, "network"), exiting + ".*"));
        // Its addresses went back to both networks' pools (host-local keeps one file per address, naming its holder).
        var held = Directory.GetFiles(Path.Combine(_daemon.DataRoot, "network"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).StartsWith("10.93.")).Select(File.ReadAllText).ToList();
        Assert.Equal(2, held.Count(h => h.StartsWith(web)));
        Assert.DoesNotContain(held, h => h.StartsWith(exiting));
        // Only the running container's veths are left on the bridges: one each.
        var onA = await _daemon.InHostNetwork("ip", "-o", "link", "show", "master", "br-" + netId[..12]);
        Assert.Single(onA.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The resolver came back with the daemon, for both of the running container's networks.
        var fetched = await _daemon.Docker("run", "--rm", "--network", "dr-b", "busybox", "wget", "-q", "-O-", "http://dr-web/");
        Assert.True(fetched.ExitCode == 0, fetched.ToString());
        Assert.Equal("hello\n", fetched.Stdout);
        await _daemon.Docker("rm", "-f", web, exiting);
        Assert.Equal(0, (await _daemon.Docker("network", "rm", "dr-a", "dr-b")).ExitCode);
    }
}
