using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Health checks: --health-cmd and friends, State.Health, the ps suffix.</summary>
[Collection(DaemonCollection.Name)]
public sealed class HealthTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task A_failing_check_turns_unhealthy_then_healthy_when_it_passes()
    {
        string id = (await daemon.Docker("run", "-d", "--health-cmd", "test -f /tmp/ok", "--health-interval", "1s",
            "--health-retries", "2", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            Assert.Contains("(health: starting)", (await daemon.Docker("ps", "--filter", "id=" + id)).Stdout);
            await WaitForAsync(id, "unhealthy");
            Assert.Contains("(unhealthy)", (await daemon.Docker("ps", "--filter", "id=" + id)).Stdout);
            await daemon.Docker("exec", id, "touch", "/tmp/ok");
            await WaitForAsync(id, "healthy");
            Assert.Equal("0\n", (await daemon.Docker("inspect", "-f", "{{.State.Health.FailingStreak}}", id)).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    private async Task WaitForAsync(string id, string status)
    {
        string seen = "";
        for (int i = 0; i < 60 && seen != status; i++)
        {
            await Task.Delay(200);
            seen = (await daemon.Docker("inspect", "-f", "{{.State.Health.Status}}", id)).Stdout.Trim();
        }
        Assert.Equal(status, seen);
    }
}
