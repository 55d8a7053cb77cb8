using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// berthd starts an exec's process with its own helper (berth-exec) instead of <c>runc exec</c>;
/// the process must get exactly what runc gives it. Each probe runs twice, through the helper
/// and through runc (forced by the daemon's <c>exec-via-runc</c> switch file), and the two
/// outputs must match, pipe inodes and pids aside.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class ExecHelperTests(DaemonFixture daemon)
{
    private const string Container = "exec-helper-probe";

    /// <summary>What the process can see of what it was given.</summary>
    private const string Probe =
        "id; echo HOME=$HOME; pwd; umask; " +
        "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp|Seccomp_filters|SigBlk|SigIgn|Speculation_Store_Bypass):' /proc/self/status; " +
        "cat /proc/self/cgroup; for n in /proc/self/ns/*; do echo $n $(readlink $n); done; " +
        "ls -l /proc/self/fd/ 2>&1 | awk '{print $1, $3, $4, $9, $10, $11}'; ulimit -a; cat /proc/self/oom_score_adj; " +
        "awk '{print ($1 == $6) ? \"session leader\" : \"in a session\", ($7 != 0) ? \"with a terminal\" : \"without\"}' /proc/$$/stat";

    [RequiresRootFact]
    public async Task The_helper_gives_the_process_what_runc_gives_it()
    {
        await daemon.Docker("rm", "-f", Container);
        await daemon.DockerOk("run", "-d", "--name", Container, "--ulimit", "nproc=500:600", "busybox", "sleep", "1000");
        try
        {
            string[][] variants =
            [
                [],
                ["-u", "1000:1000"],
                ["-u", "nobody", "-w", "/tmp"],
                ["--privileged"],
                ["-e", "HOME=/elsewhere", "-w", "/etc"],
                ["-t"],
                ["-t", "-u", "1000"],
            ];
            foreach (string[] flags in variants)
            {
                var (helper, runc) = await BothWays(["exec", .. flags, Container, "sh", "-c", Probe]);
                Assert.Equal(0, helper.ExitCode);
                Assert.Equal(Normalized(runc.Stdout), Normalized(helper.Stdout));
            }
            // The helper did run: it keeps the container's seccomp filter in runc's state directory.
            string id = (await daemon.DockerOk("inspect", "-f", "{{.Id}}", Container)).Trim();
            Assert.True(File.Exists(Path.Combine(daemon.ExecRoot, "runc", id, "berth-seccomp.bpf")));
        }
        finally
        {
            await daemon.Docker("rm", "-f", Container);
        }
    }

    [RequiresRootFact]
    public async Task Failures_and_exit_codes_are_runcs()
    {
        await daemon.Docker("rm", "-f", Container);
        await daemon.DockerOk("run", "-d", "--name", Container, "--network", "none", "busybox", "sleep", "1000");
        try
        {
            string[][] commands =
            [
                ["exec", Container, "nosuch"],
                ["exec", Container, "/nosuch"],
                ["exec", Container, "/etc/passwd"],
                ["exec", Container, "/"],
                ["exec", "-w", "/nonexist", Container, "true"],
                ["exec", "-e", "PATH=/nowhere", Container, "ls"],
                ["exec", Container, "sh", "-c", "exit 7"],
                ["exec", Container, "sh", "-c", "kill -9 $$"],
                ["exec", "-t", Container, "nosuch"],
            ];
            foreach (string[] command in commands)
            {
                var (helper, runc) = await BothWays(command);
                Assert.Equal(runc.ExitCode, helper.ExitCode);
                Assert.Equal(runc.Stdout + runc.Stderr, helper.Stdout + helper.Stderr);
            }
            Assert.Equal(126, (await daemon.Docker("exec", Container, "nosuch")).ExitCode);
            Assert.Equal(126, (await daemon.Docker("exec", Container, "/etc/passwd")).ExitCode);
            var stdin = await daemon.DockerWith("typed\n"u8.ToArray(), "exec", "-i", Container, "cat");
            Assert.Equal("typed\n", stdin.Stdout);
            // The exec'd process is the container's: docker top lists it.
            Assert.Equal(0, (await daemon.Docker("exec", "-d", Container, "sleep", "31")).ExitCode);
            // A detached exec answers once its process is started, which may be a moment before
            // that process has replaced itself with sleep: top is asked until it shows it.
            string top = "";
            for (int i = 0; i < 50 && !top.Contains("sleep 31", StringComparison.Ordinal); i++, await Task.Delay(100))
                top = await daemon.DockerOk("top", Container);
            Assert.Contains("sleep 31", top);
        }
        finally
        {
            await daemon.Docker("rm", "-f", Container);
        }
    }

    private async Task<(CommandResult Helper, CommandResult Runc)> BothWays(string[] args)
    {
        var helper = args.Contains("-t") ? await daemon.DockerAtTerminal(24, 80, args) : await daemon.Docker(args);
        string bypass = Path.Combine(daemon.ExecRoot, "exec-via-runc");
        File.WriteAllBytes(bypass, []);
        try
        {
            var runc = args.Contains("-t") ? await daemon.DockerAtTerminal(24, 80, args) : await daemon.Docker(args);
            return (helper, runc);
        }
        finally
        {
            File.Delete(bypass);
        }
    }

    /// <summary>Pipe and terminal numbers differ from run to run; so do the session and the fd listing's order on a terminal.</summary>
    private static string Normalized(string output) =>
        string.Join('\n', output.Replace("\r", "").Split('\n')
            .Select(l => PipeOrPts().Replace(l, "$1N"))
            .Where(l => !l.StartsWith("ls: /proc/self/fd/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    [GeneratedRegex(@"(pipe:\[|/dev/pts/)\d+")]
    private static partial Regex PipeOrPts();
}
