using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Resource limits in the container's cgroups, --init, and container prune.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ResourceTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Memory_cpu_and_pids_limits_reach_the_cgroups()
    {
        bool v1 = Directory.Exists("/sys/fs/cgroup/memory");
        string script = v1
            ? "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/pids/pids.max"
            : "cat /sys/fs/cgroup/memory.max; cut -d' ' -f1 /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/pids.max";
        var r = await daemon.Docker("run", "--rm", "-m", "64m", "--cpus", "0.5", "--pids-limit", "50", "busybox", "sh", "-c", script);
        Assert.Equal("67108864\n50000\n50\n", r.Stdout);
    }

    [RequiresRootFact]
    public async Task Too_little_memory_is_refused_and_a_memory_hog_is_killed()
    {
        var small = await daemon.Docker("run", "--rm", "-m", "1m", "busybox", "true");
        Assert.Equal(125, small.ExitCode);
        Assert.Contains("Minimum memory limit allowed is 6MB", small.Stderr);
        var hog = await daemon.Docker("run", "--name", "hog", "-m", "32m", "busybox", "sh", "-c", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived");
        Assert.Equal(137, hog.ExitCode);
        Assert.Equal("true 137\n", (await daemon.Docker("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "hog")).Stdout);
        await daemon.Docker("rm", "hog");
    }

    [RequiresRootFact]
    public async Task Update_changes_limits_of_a_running_container()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            Assert.Equal(0, (await daemon.Docker("update", "-m", "50m", "--memory-swap", "100m", "--pids-limit", "20", "--restart", "on-failure:3", id)).ExitCode);
            string file = Directory.Exists("/sys/fs/cgroup/memory") ? "/sys/fs/cgroup/memory/memory.limit_in_bytes" : "/sys/fs/cgroup/memory.max";
            Assert.Equal("52428800\n", (await daemon.Docker("exec", id, "cat", file)).Stdout);
            Assert.Equal("52428800 on-failure:3\n", (await daemon.Docker("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}", id)).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Device_nodes_are_added_and_allowed()
    {
        if (!File.Exists("/dev/fuse"))
            return; // the device this test maps
        var r = await daemon.Docker("run", "--rm", "--device", "/dev/fuse:/dev/myfuse", "busybox", "stat", "-c", "%F %t,%T", "/dev/myfuse");
        Assert.Equal("character special file a,e5\n", r.Stdout);
        var notADevice = await daemon.Docker("run", "--rm", "--device", "/etc/passwd", "busybox", "true");
        Assert.Equal(125, notADevice.ExitCode);
        Assert.Contains("not a device node", notADevice.Stderr);
    }

    [RequiresRootFact]
    public async Task Device_cgroup_rules_reach_the_containers_device_cgroup_and_inspect()
    {
        string id = (await daemon.DockerOk("run", "-d", "--device-cgroup-rule", "c 42:* rmw", "busybox", "sleep", "100")).Trim();
        try
        {
            Assert.Equal("[\"c 42:* rmw\"]", (await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.DeviceCgroupRules}}", id)).Trim());
            string list = File.ReadAllText($"/sys/fs/cgroup/devices/berth/{id}/devices.list");
            Assert.Contains("c 42:* rwm", list.Split('\n'));
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
        using var client = daemon.CreateHttpClient();
        var bad = await client.PostAsync("/containers/create", new StringContent(
            """{"Image":"busybox","HostConfig":{"DeviceCgroupRules":["c 1:3"]}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("invalid device cgroup rule format: 'c 1:3'", await bad.Content.ReadAsStringAsync());
    }

    [RequiresRootFact]
    public async Task Init_runs_first()
    {
        var r = await daemon.Docker("run", "--rm", "--init", "busybox", "cat", "/proc/1/cmdline");
        Assert.StartsWith("/sbin/docker-init\0--\0cat", r.Stdout);
    }

    [RequiresRootFact]
    public async Task Prune_removes_stopped_containers_only()
    {
        string running = (await daemon.Docker("run", "-d", "busybox", "sleep", "1000")).Stdout.Trim();
        string stopped = (await daemon.Docker("run", "-d", "busybox", "true")).Stdout.Trim();
        await daemon.Docker("wait", stopped);
        var prune = await daemon.Docker("container", "prune", "-f");
        Assert.Contains(stopped, prune.Stdout);
        Assert.DoesNotContain(running, prune.Stdout);
        Assert.Contains(running[..12], (await daemon.Docker("ps", "-q")).Stdout);
        await daemon.Docker("rm", "-f", running);
    }

    [RequiresRootFact]
    public async Task Update_refuses_what_conflicts_with_the_containers_settings_as_dockerd()
    {
        string id = await daemon.DockerOk("run", "-d", "--name", "rsu-conflict", "busybox", "sleep", "1000");
        try
        {
            // No swap limit set (0): a memory limit alone is above it, so dockerd wants the swap too.
            var alone = await daemon.Docker("update", "--memory", "64m", "rsu-conflict");
            Assert.Equal((1, $"Error response from daemon: Cannot update container {id}: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time\n"),
                (alone.ExitCode, alone.Stderr));
            await daemon.DockerOk("update", "--memory", "64m", "--memory-swap", "128m", "rsu-conflict");
            await daemon.DockerOk("update", "--memory", "96m", "rsu-conflict"); // under the swap limit now set
            await daemon.DockerOk("update", "--cpus", "0.5", "rsu-conflict");
            var period = await daemon.Docker("update", "--cpu-period", "50000", "rsu-conflict");
            Assert.Equal($"Error response from daemon: Cannot update container {id}: Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set\n", period.Stderr);
            Assert.Equal("100663296 134217728 500000000 0\n", (await daemon.Docker("inspect", "-f",
                "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuPeriod}}", "rsu-conflict")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "rsu-conflict");
        }
    }
}
