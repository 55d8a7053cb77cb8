using System.Diagnostics;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// An exec's exit reaches the client when its process exits, not when every process holding
/// its output has gone, and berthd (which reaps exec processes itself) leaves no zombies.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class ExecReapingTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task An_exec_that_leaves_a_child_behind_returns_its_code_promptly()
    {
        await daemon.Docker("rm", "-f", "exec-reap-child");
        await daemon.DockerOk("run", "-d", "--name", "exec-reap-child", "--network", "none", "busybox", "sleep", "1000");
        try
        {
            var clock = Stopwatch.StartNew();
            var r = await daemon.Docker("exec", "exec-reap-child", "sh", "-c", "sleep 100 & echo started; exit 3");
            clock.Stop();
            Assert.Equal(3, r.ExitCode);
            Assert.Equal("started\n", r.Stdout);
            // dockerd waits two seconds for the output of a process that has exited; so does berthd.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");

            // With a terminal too: the child holds the terminal, not only pipes.
            clock.Restart();
            var tty = await daemon.Docker("exec", "-t", "exec-reap-child", "sh", "-c", "sleep 100 & echo started; exit 3");
            clock.Stop();
            Assert.Equal(3, tty.ExitCode);
            Assert.Equal("started\r\n", tty.Stdout);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");

            // Output written before the exit is all there, on both streams, in a burst.
            var burst = await daemon.Docker("exec", "exec-reap-child", "sh", "-c", "seq 1 20000; echo done >&2; exit 5");
            Assert.Equal(5, burst.ExitCode);
            Assert.Equal(20000, burst.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal("done\n", burst.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "exec-reap-child");
        }
    }

    [RequiresRootFact]
    public async Task Fifty_execs_leave_no_zombie_under_berthd()
    {
        await daemon.Docker("rm", "-f", "exec-reap-many");
        await daemon.DockerOk("run", "-d", "--name", "exec-reap-many", "--network", "none", "busybox", "sleep", "1000");
        try
        {
            for (int i = 0; i < 50; i++)
            {
                var r = await daemon.Docker("exec", "exec-reap-many", "sh", "-c", $"exit {i % 4}");
                Assert.Equal(i % 4, r.ExitCode);
            }
            // A detached exec is reaped when it ends too.
            Assert.Equal(0, (await daemon.Docker("exec", "-d", "exec-reap-many", "sh", "-c", "sleep 0.2")).ExitCode);
            // A container that came and went: its conmon was berthd's child.
            Assert.Equal(0, (await daemon.Docker("run", "--rm", "--network", "none", "busybox", "true")).ExitCode);
            await Task.Delay(1500);
            int berthd = daemon.Pid ?? throw new InvalidOperationException("berthd is not running");
            Assert.Empty(ZombiesUnder(berthd));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "exec-reap-many");
        }
    }

    /// <summary>Descendants of <paramref name="root"/> in state Z, as "pid (comm)".</summary>
    private static List<string> ZombiesUnder(int root)
    {
        var parents = new Dictionary<int, (int Parent, char State, string Comm)>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
                continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // gone meanwhile
            // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            int close = stat.LastIndexOf(')');
            string[] rest = stat[(close + 2)..].Split(' ');
            parents[pid] = (int.Parse(rest[1]), rest[0][0], stat[(stat.IndexOf('(') + 1)..close]);
        }
        bool Under(int pid)
        {
            for (int p = pid, depth = 0; p > 1 && depth < 64; depth++)
            {
                if (!parents.TryGetValue(p, out var info))
                    return false;
                if (info.Parent == root)
                    return true;
                p = info.Parent;
            }
            return false;
        }
        return parents.Where(p => p.Value.State == 'Z' && Under(p.Key)).Select(p => $"{p.Key} ({p.Value.Comm})").ToList();
    }
}
