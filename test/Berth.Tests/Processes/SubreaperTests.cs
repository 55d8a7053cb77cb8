using Berth.Linux.Processes;

namespace Berth.Tests.Processes;

/// <summary>
/// The subreaper for real: a shell starts a child in the background and exits, the child is
/// re-parented to this process, and its exit status arrives through <see cref="Subreaper"/>.
/// </summary>
public sealed class SubreaperTests
{
    [Fact]
    public async Task An_orphan_is_reaped_with_its_exit_code()
    {
        Assert.True(Subreaper.Enable());
        using var dir = new TempDir();
        string pidFile = dir["pid"];
        int shell = Spawner.Spawn("/bin/sh", ["sh", "-c", $"(sleep 0.3; exit 7) & echo $! > {pidFile}"], ["PATH=/usr/bin:/bin"], []);
        Assert.Equal(0, Spawner.WaitExit(shell));
        int orphan = int.Parse(File.ReadAllText(pidFile).Trim());

        int code = await Subreaper.WaitAsync(orphan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, code);
        Assert.False(File.Exists($"/proc/{orphan}/stat") && File.ReadAllText($"/proc/{orphan}/stat").Contains(") Z "), "left a zombie");
    }

    [Fact]
    public async Task An_orphan_that_already_exited_is_reaped_too()
    {
        Assert.True(Subreaper.Enable());
        using var dir = new TempDir();
        string pidFile = dir["pid"];
        int shell = Spawner.Spawn("/bin/sh", ["sh", "-c", $"(exit 3) & echo $! > {pidFile}; exec sleep 0.2"], ["PATH=/usr/bin:/bin"], []);
        Assert.Equal(0, Spawner.WaitExit(shell));
        int orphan = int.Parse(File.ReadAllText(pidFile).Trim());

        Assert.Equal(3, await Subreaper.WaitAsync(orphan).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_process_that_is_not_our_child_gives_minus_one()
    {
        Assert.True(Subreaper.Enable());
        Assert.Equal(-1, await Subreaper.WaitAsync(1).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
