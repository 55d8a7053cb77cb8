using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker run</c> against berthd, with the real docker CLI.</summary>
[Collection(DaemonCollection.Name)]
public sealed class RunTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Run_rm_prints_the_output_and_removes_the_container()
    {
        var r = await daemon.Docker("run", "--rm", "--name", "hello-rm", "busybox", "echo", "hello");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hello\n", r.Stdout);
        var ps = await daemon.Docker("ps", "-a", "--filter", "name=hello-rm", "-q");
        Assert.Equal("", ps.Stdout.Trim());
    }

    [RequiresRootFact]
    public async Task Tmpfs_mounts_a_private_tmpfs_with_dockers_default_options()
    {
        var r = await daemon.Docker("run", "--rm", "--network", "none", "--tmpfs", "/www:size=1m", "--tmpfs", "/run/x", "busybox",
            "sh", "-c", "grep -E ' /(www|run/x) ' /proc/mounts; dd if=/dev/zero of=/www/f bs=1k count=2048 2>&1 || true");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("tmpfs /www tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k", r.Stdout);
        Assert.Contains("tmpfs /run/x tmpfs rw,nosuid,nodev,noexec,relatime", r.Stdout);
        Assert.Contains("No space left on device", r.Stdout);
        var bad = await daemon.Docker("run", "--rm", "--network", "none", "--tmpfs", "/www:color=red", "busybox", "true");
        Assert.Equal(125, bad.ExitCode);
        Assert.Contains("invalid tmpfs option", bad.Stderr);
    }

    [RequiresRootFact]
    public async Task Run_exits_with_the_container_exit_code()
    {
        var r = await daemon.Docker("run", "--rm", "busybox", "sh", "-c", "exit 3");
        Assert.Equal(3, r.ExitCode);
    }

    [RequiresRootFact]
    public async Task Run_separates_stdout_and_stderr()
    {
        var r = await daemon.Docker("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2");
        Assert.Equal("out\n", r.Stdout);
        Assert.Equal("err\n", r.Stderr);
    }

    [RequiresRootFact]
    public async Task Run_of_a_missing_image_fails_with_125()
    {
        var r = await daemon.Docker("run", "--rm", "nosuchimage");
        Assert.Equal(125, r.ExitCode);
        Assert.Contains("Unable to find image 'nosuchimage:latest' locally", r.Stderr);
        Assert.Contains("Error response from daemon", r.Stderr);
    }

    [RequiresRootFact]
    public async Task Run_of_a_missing_command_fails_with_127()
    {
        var r = await daemon.Docker("run", "--rm", "busybox", "nosuchcmd");
        Assert.Equal(127, r.ExitCode);
        Assert.Contains("executable file not found in $PATH", r.Stderr);
    }

    [RequiresRootFact]
    public async Task Run_applies_env_workdir_user_and_hostname()
    {
        var r = await daemon.Docker("run", "--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "nobody", "-h", "myhost",
            "busybox", "sh", "-c", "echo $FOO $(pwd) $(id -u) $(hostname)");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("bar /tmp 65534 myhost\n", r.Stdout);
    }

    [RequiresRootFact]
    public async Task Sysctls_are_set_in_the_containers_namespaces_and_shown_by_inspect()
    {
        var r = await daemon.Docker("run", "--rm", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=123456", "--sysctl", "fs.mqueue.msg_max=20",
            "busybox", "cat", "/proc/sys/net/ipv4/ip_forward", "/proc/sys/kernel/shmmax", "/proc/sys/fs/mqueue/msg_max", "/proc/sys/net/ipv4/ip_unprivileged_port_start");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("1\n123456\n20\n0\n", r.Stdout); // the last: dockerd's default in a namespace of the container's own
        try
        {
            await daemon.DockerOk("create", "--name", "sysctl-shown", "--sysctl", "net.ipv4.ip_forward=0", "--sysctl", "kernel.msgmax=100", "busybox");
            Assert.Equal("""{"kernel.msgmax":"100","net.ipv4.ip_forward":"0"}""", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.Sysctls}}", "sysctl-shown"));
            await daemon.DockerOk("create", "--name", "sysctl-none", "busybox");
            Assert.Equal("null", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.Sysctls}}", "sysctl-none"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "sysctl-shown", "sysctl-none");
        }
    }

    [RequiresRootFact]
    public async Task Sysctls_outside_the_containers_namespaces_fail_at_start_with_runcs_words()
    {
        var host = await daemon.Docker("run", "--rm", "--net", "host", "--sysctl", "net.ipv4.ip_forward=1", "busybox", "true");
        Assert.Equal(125, host.ExitCode);
        Assert.Contains("Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace: unknown", host.Stderr);
        var ipc = await daemon.Docker("run", "--rm", "--ipc", "host", "--sysctl", "kernel.shmmax=1234", "busybox", "true");
        Assert.Equal(125, ipc.ExitCode);
        Assert.Contains("sysctl \"kernel.shmmax\" is not allowed in the hosts ipc namespace", ipc.Stderr);
        var cli = await daemon.Docker("run", "--rm", "--sysctl", "vm.swappiness=10", "busybox", "true");
        Assert.Equal(125, cli.ExitCode);
        Assert.Contains("invalid argument \"vm.swappiness=10\" for \"--sysctl\" flag: sysctl 'vm.swappiness=10' is not allowed", cli.Stderr);
    }

    [RequiresRootFact]
    public async Task Users_get_their_primary_and_supplementary_groups_and_group_add()
    {
        async Task<string> Id(params string[] flags) => await daemon.DockerOk(["run", "--rm", "--network", "none", .. flags, "busybox", "id"]);
        Assert.Equal("uid=0(root) gid=0(root) groups=0(root),10(wheel)", await Id());
        Assert.Equal("uid=0(root) gid=0(root) groups=0(root)", await Id("-u", "root:root"));
        Assert.Equal("uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)", await Id("-u", "nobody"));
        Assert.Equal("uid=1000 gid=0(root) groups=0(root)", await Id("-u", "1000"));
        Assert.Equal("uid=4(sync) gid=100(users) groups=100(users)", await Id("-u", "sync"));
        Assert.Equal("uid=65534(nobody) gid=65534(nogroup) groups=10(wheel),777,65534(nogroup)", await Id("-u", "nobody", "--group-add", "wheel", "--group-add", "777"));
    }

    [RequiresRootFact]
    public async Task The_environment_is_in_dockerds_order()
    {
        await daemon.DockerWith("FROM busybox\nENV A=img_a B=img_b PATH=/opt/bin:/usr/bin:/bin\n"u8.ToArray(), "build", "-q", "-t", "envorder-img", "-");
        try
        {
            using var http = daemon.CreateHttpClient();
            var created = await http.PostAsync("/containers/create?name=envorder-c", new StringContent(
                """{"Image":"envorder-img","Hostname":"hx","Tty":true,"Cmd":["env"],"Env":["B=user_b","C=user_c","HOSTNAME=zz"]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("""["B=user_b","C=user_c","HOSTNAME=zz","PATH=/opt/bin:/usr/bin:/bin","A=img_a"]""",
                await daemon.DockerOk("inspect", "-f", "{{json .Config.Env}}", "envorder-c"));
            await daemon.DockerOk("start", "envorder-c");
            await daemon.DockerOk("wait", "envorder-c");
            Assert.Equal("PATH=/opt/bin:/usr/bin:/bin\r\nHOSTNAME=zz\r\nTERM=xterm\r\nB=user_b\r\nC=user_c\r\nA=img_a\r\nHOME=/root",
                await daemon.DockerOk("logs", "envorder-c"));
            var unset = await daemon.DockerOk("run", "--rm", "--network", "none", "-e", "B", "-e", "A=", "envorder-img", "env");
            Assert.Matches("^PATH=/opt/bin:/usr/bin:/bin\nHOSTNAME=[0-9a-f]{12}\nA=\nHOME=/root$", unset);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "envorder-c");
            await daemon.Docker("rmi", "envorder-img");
        }
    }

    [RequiresRootFact]
    public async Task Etc_hosts_is_dockerds_line_for_line()
    {
        var hosts = await daemon.DockerOk("run", "--rm", "--hostname", "hx.dom.ain", "--add-host", "foo:1.2.3.4", "--add-host", "bar:::1", "busybox", "cat", "/etc/hosts");
        Assert.Matches(
            "^127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n"
            + "1.2.3.4\tfoo\n::1\tbar\n10\\.199\\.[0-9]+\\.[0-9]+\thx.dom.ain hx$", hosts);
        var none = await daemon.DockerOk("run", "--rm", "--network", "none", "--hostname", "hy", "--domainname", "dd", "busybox", "cat", "/etc/hosts");
        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters", none);
    }

    [RequiresRootFact]
    public async Task Masked_and_readonly_paths_show_in_inspect_and_systempaths_unconfined_lifts_them()
    {
        try
        {
            await daemon.DockerOk("create", "--name", "paths-default", "busybox");
            Assert.Contains("\"/proc/kcore\"", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.MaskedPaths}}", "paths-default"));
            Assert.Contains("\"/proc/sys\"", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.ReadonlyPaths}}", "paths-default"));
            await daemon.DockerOk("create", "--name", "paths-unconfined", "--security-opt", "systempaths=unconfined", "busybox");
            Assert.Equal("[] []", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}", "paths-unconfined"));
            await daemon.DockerOk("create", "--name", "paths-privileged", "--privileged", "busybox");
            Assert.Equal("null null", await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}", "paths-privileged"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "paths-default", "paths-unconfined", "paths-privileged");
        }
        string Sys(string mounts) => mounts.Split('\n').Single(l => l.Contains(" /proc/sys "));
        Assert.StartsWith("proc /proc/sys proc ro,", Sys(await daemon.DockerOk("run", "--rm", "--network", "none", "busybox", "cat", "/proc/mounts")));
        Assert.DoesNotContain(" /proc/sys ", await daemon.DockerOk("run", "--rm", "--network", "none", "--security-opt", "systempaths=unconfined", "busybox", "cat", "/proc/mounts"));
    }

    [RequiresRootFact]
    public async Task Run_entrypoint_replaces_the_image_command()
    {
        var r = await daemon.Docker("run", "--rm", "--entrypoint", "echo", "busybox", "hi", "there");
        Assert.Equal("hi there\n", r.Stdout);
    }

    [RequiresRootFact]
    public async Task Run_name_and_label_show_in_inspect()
    {
        var r = await daemon.Docker("run", "--name", "labelled", "--label", "team=berth", "busybox", "true");
        Assert.Equal(0, r.ExitCode);
        var inspect = await daemon.Docker("inspect", "-f", "{{.Name}} {{index .Config.Labels \"team\"}} {{.State.Status}} {{.State.ExitCode}}", "labelled");
        Assert.Equal("/labelled berth exited 0\n", inspect.Stdout);
        var dup = await daemon.Docker("run", "--name", "labelled", "busybox", "true");
        Assert.Equal(125, dup.ExitCode);
        Assert.Contains("is already in use by container", dup.Stderr);
        await daemon.Docker("rm", "labelled");
    }

    [RequiresRootFact]
    public async Task Containers_get_the_default_security_settings()
    {
        var r = await daemon.Docker("run", "--rm", "busybox", "sh", "-c",
            "grep CapEff /proc/self/status; cat /proc/keys /proc/timer_list 2>&1 | wc -c; echo x > /proc/sys/kernel/hostname 2>/dev/null || echo ro; ulimit -n");
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Stdout.Split('\n');
        Assert.Equal("CapEff:\t00000000a80425fb", lines[0]);
        Assert.Equal("0", lines[1].Trim());
        Assert.Equal("ro", lines[2]);
        Assert.True(long.Parse(lines[3]) > 0);
    }

    [RequiresRootFact]
    public async Task The_default_seccomp_profile_refuses_new_namespaces_unless_unconfined()
    {
        var confined = await daemon.Docker("run", "--rm", "busybox", "sh", "-c", "grep Seccomp: /proc/self/status; unshare -n true 2>/dev/null; echo $?");
        Assert.Equal("Seccomp:\t2\n1\n", confined.Stdout);
        var unconfined = await daemon.Docker("run", "--rm", "--security-opt", "seccomp=unconfined", "busybox", "grep", "Seccomp:", "/proc/self/status");
        Assert.Equal("Seccomp:\t0\n", unconfined.Stdout);
    }

    [RequiresRootFact]
    public async Task Glibc_programs_run_under_the_default_profile_and_refused_calls_fail_with_eperm()
    {
        // The host's python3 (glibc, threads, fork, sockets) with the host's /usr mounted read-only.
        const string script = """
            import ctypes, errno, os, socket, subprocess, threading
            t = threading.Thread(target=lambda: None); t.start(); t.join()
            assert subprocess.run(["/usr/bin/true"]).returncode == 0
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
            libc = ctypes.CDLL(None, use_errno=True)
            for name, number in (("keyctl", 250), ("io_uring_setup", 425), ("unshare", 272)):
                r = libc.syscall(number, 0, 0, 0)
                print(name, r, errno.errorcode.get(ctypes.get_errno()))
            """;
        var r = await daemon.Docker("run", "--rm", "--network", "none", "-v", "/usr:/usr:ro", "-v", "/lib:/lib:ro", "-v", "/lib64:/lib64:ro",
            "busybox", "/usr/bin/python3", "-c", script);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("keyctl -1 EPERM\nio_uring_setup -1 EPERM\nunshare -1 EPERM\n", r.Stdout);
    }
    [RequiresRootFact]
    public async Task Sig_proxy_forwards_sigterm_and_sigint_from_the_cli_to_the_container()
    {
        foreach (var (cli, signal) in new[] { (Repo.DockerCli, "TERM"), (Repo.DockerCli, "INT"), (Repo.Berth, "TERM") })
        {
            var (code, output) = await RunAndSignalAsync(cli, signal,
                "run", "--rm", "--network", "none", "busybox", "sh", "-c", $"trap 'echo got {signal}; exit 3' {signal}; echo ready; while :; do sleep 0.1; done");
            Assert.True(code == 3, $"{cli} SIG{signal}: exit {code}, output {output}");
            Assert.Equal($"ready\ngot {signal}\n", output);
        }
    }

    /// <summary>Runs the CLI attached, sends it the signal once the container is ready, and returns how the CLI ended.</summary>
    private async Task<(int Code, string Output)> RunAndSignalAsync(string cli, string signal, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(daemon.Host);
        foreach (string a in args)
            info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            string output = await process.StandardOutput.ReadLineAsync(timeout.Token) + "\n";
            await ProcessRunner.RunAsync("kill", ["-" + signal, process.Id.ToString()]);
            output += await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, output);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}
