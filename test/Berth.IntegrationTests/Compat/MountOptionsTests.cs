using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>--mount</c>'s bind-nonrecursive and volume-subpath, and a local volume on a block device
/// (<c>-o type=ext4 -o device=/dev/loopN</c>) made by the test on a loop device.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class MountOptionsTests(DaemonFixture daemon)
{
    private static async Task<string> Sh(string command)
    {
        var r = await ProcessRunner.RunAsync("sh", ["-c", command]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Trim();
    }

    [RequiresRootFact]
    public async Task Bind_nonrecursive_leaves_out_the_mounts_under_the_source()
    {
        string dir = Directory.CreateTempSubdirectory("mot-bind").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        await Sh($"mount -t tmpfs mot-tmpfs '{dir}/sub' && echo under > '{dir}/sub/f'");
        try
        {
            Assert.Equal("under", await daemon.DockerOk("run", "--rm", "--mount", $"type=bind,src={dir},dst=/b", "busybox", "cat", "/b/sub/f"));
            Assert.Equal("none", await daemon.DockerOk("run", "--rm", "--mount", $"type=bind,src={dir},dst=/b,bind-nonrecursive", "busybox",
                "sh", "-c", "ls /b/sub/f 2>/dev/null || echo none"));
        }
        finally
        {
            await ProcessRunner.RunAsync("umount", [Path.Combine(dir, "sub")]);
            Directory.Delete(dir, true);
        }
    }

    [RequiresRootFact]
    public async Task Volume_subpath_mounts_a_directory_inside_the_volume_and_never_leaves_it()
    {
        try
        {
            await daemon.DockerOk("run", "--rm", "-v", "mot-sub:/v", "busybox", "sh", "-c", "mkdir -p /v/sub && echo inner > /v/sub/f && ln -s / /v/escape");
            Assert.Equal("inner", await daemon.DockerOk("run", "--rm", "--mount", "type=volume,src=mot-sub,dst=/m,volume-subpath=sub", "busybox", "cat", "/m/f"));
            // The symlink resolves inside the volume: its root, not the host's.
            Assert.Equal("escape sub", (await daemon.DockerOk("run", "--rm", "--mount", "type=volume,src=mot-sub,dst=/m,volume-subpath=escape", "busybox", "ls", "/m")).Replace('\n', ' '));

            var missing = await daemon.Docker("run", "--rm", "--mount", "type=volume,src=mot-sub,dst=/m,volume-subpath=nope", "busybox", "true");
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("no such directory in the volume", missing.Stderr);
            var outside = await daemon.Docker("run", "--rm", "--mount", "type=volume,src=mot-sub,dst=/m,volume-subpath=../x", "busybox", "true");
            Assert.NotEqual(0, outside.ExitCode);
            Assert.Contains("subpath must be a relative path within the volume", outside.Stderr);
        }
        finally
        {
            await daemon.Docker("volume", "rm", "-f", "mot-sub");
        }
    }

    [RequiresRootFact]
    public async Task Volume_subpath_swapped_for_a_symlink_while_containers_start_never_shows_the_host()
    {
        string outside = Directory.CreateTempSubdirectory("mot-race-outside").FullName;
        await File.WriteAllTextAsync(Path.Combine(outside, "outside-marker"), "host");
        using var stop = new CancellationTokenSource();
        Task? swapping = null;
        try
        {
            await daemon.DockerOk("volume", "create", "mot-race");
            string data = await daemon.DockerOk("volume", "inspect", "-f", "{{.Mountpoint}}", "mot-race");
            string b = Path.Combine(data, "a", "b"), parked = Path.Combine(data, "a", "parked");
            Directory.CreateDirectory(b);
            await File.WriteAllTextAsync(Path.Combine(b, "inside-marker"), "volume");
            // What a container writing the volume could do: the subpath's last directory and a
            // symlink to a host path trade places, over and over, while containers start.
            swapping = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Directory.Move(b, parked);
                    File.CreateSymbolicLink(b, outside);
                    Thread.Sleep(1);
                    File.Delete(b);
                    Directory.Move(parked, b);
                    Thread.Sleep(1);
                }
            });
            int mounted = 0;
            for (int i = 0; i < 15; i++)
            {
                var run = await daemon.Docker("run", "--rm", "--mount", "type=volume,src=mot-race,dst=/m,volume-subpath=a/b", "busybox", "ls", "/m");
                Assert.DoesNotContain("outside-marker", run.Stdout + run.Stderr);
                if (run.ExitCode == 0)
                {
                    Assert.Equal("inside-marker", run.Stdout.Trim());
                    mounted++;
                }
            }
            Assert.True(mounted > 0, "no container started with the subpath mounted");
            await stop.CancelAsync();
            await swapping;
            Assert.DoesNotContain(Path.Combine(daemon.ExecRoot, "subpaths") + "/", await File.ReadAllTextAsync("/proc/self/mountinfo"));
        }
        finally
        {
            await stop.CancelAsync();
            if (swapping is not null)
                await swapping.ContinueWith(_ => { });
            await daemon.Docker("volume", "rm", "-f", "mot-race");
            Directory.Delete(outside, true);
        }
    }

    [RequiresRootFact]
    public async Task A_local_volume_on_a_block_device_is_mounted_while_used_and_keeps_its_data()
    {
        string image = Path.Combine(Path.GetTempPath(), $"mot-ext4-{Guid.NewGuid():N}.img");
        string? loop = null;
        try
        {
            await Sh($"truncate -s 16M '{image}'");
            loop = await Sh($"losetup -f --show '{image}'");
            await Sh($"mkfs.ext4 -q '{loop}'");
            await daemon.DockerOk("volume", "create", "-o", "type=ext4", "-o", "device=" + loop, "mot-dev");
            await daemon.DockerOk("run", "--rm", "-v", "mot-dev:/d", "busybox", "sh", "-c", "echo kept > /d/f");
            Assert.Equal("kept lost+found", (await daemon.DockerOk("run", "--rm", "-v", "mot-dev:/d", "busybox", "sh", "-c", "cat /d/f; ls /d | grep lost")).Replace('\n', ' '));
            Assert.DoesNotContain(loop, await File.ReadAllTextAsync("/proc/self/mountinfo")); // unmounted when no container uses it
        }
        finally
        {
            await daemon.Docker("volume", "rm", "-f", "mot-dev");
            if (loop is not null)
                await ProcessRunner.RunAsync("losetup", ["-d", loop]);
            File.Delete(image);
        }
    }
}
