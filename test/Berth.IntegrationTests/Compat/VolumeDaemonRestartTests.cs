using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A local volume with mount options outlives a kill -9 of berthd: the restarted daemon knows
/// which running containers use it, and unmounts it when the last of them stops. Uses a
/// daemon of its own, since it kills it.
/// </summary>
public sealed class VolumeDaemonRestartTests : IAsyncLifetime
{
    private readonly DaemonFixture _daemon = new();

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    private bool Mounted() => File.ReadAllText("/proc/self/mountinfo").Contains(Path.Combine(_daemon.DataRoot, "volumes", "vr-tmpfs", "_data"));

    [RequiresRootFact]
    public async Task A_mounted_volume_is_unmounted_after_its_last_user_stops_across_a_restart()
    {
        await _daemon.DockerOk("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "vr-tmpfs");
        string a = await _daemon.DockerOk("run", "-d", "-v", "vr-tmpfs:/d", "busybox", "sleep", "1000");
        string b = await _daemon.DockerOk("run", "-d", "-v", "vr-tmpfs:/d", "busybox", "sh", "-c", "echo x > /d/f; sleep 2");
        _daemon.Kill();
        await Task.Delay(3000); // b exits while nobody watches
        await _daemon.StartAsync();

        Assert.Equal("exited", await _daemon.DockerOk("inspect", "-f", "{{.State.Status}}", b));
        Assert.True(Mounted());
        Assert.Equal("x", await _daemon.DockerOk("exec", a, "cat", "/d/f"));
        await _daemon.DockerOk("stop", "-t", "0", a);
        Assert.False(Mounted());
        await _daemon.DockerOk("rm", a, b);
        Assert.Equal("vr-tmpfs", await _daemon.DockerOk("volume", "rm", "vr-tmpfs"));
    }
}
