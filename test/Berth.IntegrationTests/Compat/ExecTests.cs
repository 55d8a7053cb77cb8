using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker exec</c> into a running container.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ExecTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Exec_runs_with_env_user_workdir_stdin_and_exit_codes()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            var hello = await daemon.Docker("exec", id, "echo", "hello");
            Assert.Equal("hello\n", hello.Stdout);
            var code = await daemon.Docker("exec", id, "sh", "-c", "echo err >&2; exit 4");
            Assert.Equal(4, code.ExitCode);
            Assert.Equal("err\n", code.Stderr);
            var env = await daemon.Docker("exec", "-e", "A=1", "-w", "/tmp", "-u", "nobody", id, "sh", "-c", "echo $A $(pwd) $(id -u)");
            Assert.Equal("1 /tmp 65534\n", env.Stdout);
            var piped = await daemon.DockerWith("piped\n"u8.ToArray(), "exec", "-i", id, "cat");
            Assert.Equal("piped\n", piped.Stdout);
            var missing = await daemon.Docker("exec", id, "nosuchcmd");
            Assert.Equal(126, missing.ExitCode); // dockerd: any failed exec start
            Assert.Contains("executable file not found in $PATH", missing.Stdout + missing.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Exec_users_get_their_groups_and_the_containers_group_add()
    {
        await daemon.DockerOk("run", "-d", "--name", "exec-groups", "--network", "none", "-u", "nobody", "--group-add", "777", "busybox", "sleep", "1000");
        try
        {
            Assert.Equal("uid=65534(nobody) gid=65534(nogroup) groups=777,65534(nogroup)", await daemon.DockerOk("exec", "exec-groups", "id"));
            Assert.Equal("uid=0(root) gid=0(root) groups=0(root),10(wheel),777", await daemon.DockerOk("exec", "-u", "root", "exec-groups", "id"));
            Assert.Equal("uid=1000 gid=1000 groups=777,1000", await daemon.DockerOk("exec", "-u", "1000:1000", "exec-groups", "id"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "exec-groups");
        }
    }

    [RequiresRootFact]
    public async Task Exec_environment_is_made_as_dockerds_with_term_only_for_a_terminal()
    {
        await daemon.DockerOk("run", "-dt", "--name", "exec-env", "--network", "none", "--hostname", "ht", "-e", "A=a", "busybox", "sleep", "1000");
        try
        {
            Assert.Equal("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=ht\nA=a\nHOME=/root",
                await daemon.DockerOk("exec", "exec-env", "env"));
            Assert.Equal("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=ht\nA=a\nB=eb\nHOME=/root",
                await daemon.DockerOk("exec", "-e", "B=eb", "exec-env", "env"));
            Assert.Equal("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\r\nHOSTNAME=ht\r\nTERM=xterm\r\nHOME=/root",
                await daemon.DockerOk("exec", "-t", "-e", "A", "exec-env", "env"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "exec-env");
        }
    }

    [RequiresRootFact]
    public async Task Exec_t_gives_the_process_a_terminal_of_the_clients_size()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            var tty = await daemon.Docker("exec", "-t", id, "tty");
            Assert.Matches(@"^/dev/pts/\d+\r\n$", tty.Stdout);
            var env = await daemon.Docker("exec", "-t", id, "sh", "-c", "echo $TERM; exit 3");
            Assert.Equal(3, env.ExitCode);
            Assert.Equal("xterm\r\n", env.Stdout);
            var missing = await daemon.Docker("exec", "-t", id, "nosuchcmd");
            Assert.Equal(126, missing.ExitCode); // dockerd: any failed exec start
            Assert.StartsWith("OCI runtime exec failed", missing.Stdout + missing.Stderr);

            var sized = await daemon.DockerAtTerminal(30, 100, "exec", "-it", id, "stty", "size");
            Assert.True(sized.ExitCode == 0, sized.ToString());
            // One \r more when the CLI has restored the outer terminal's ONLCR before the last bytes reach it.
            Assert.Matches("30 100\r+\n", sized.Stdout);

            Assert.Equal(0, (await daemon.Docker("exec", "-dt", id, "sh", "-c", "sleep 0.2; echo done > /tmp/detached")).ExitCode);
            await Task.Delay(1000);
            Assert.Equal("done\n", (await daemon.Docker("exec", id, "cat", "/tmp/detached")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Exec_into_a_stopped_container_is_refused()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "true")).Stdout.Trim();
        await daemon.Docker("wait", id);
        var r = await daemon.Docker("exec", id, "true");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("is not running", r.Stderr);
        await daemon.Docker("rm", id);
    }
}
