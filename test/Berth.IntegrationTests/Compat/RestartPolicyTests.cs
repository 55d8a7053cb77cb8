using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>Restart policies: on-failure with a maximum, always until stopped.</summary>
[Collection(DaemonCollection.Name)]
public sealed class RestartPolicyTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task On_failure_restarts_up_to_the_maximum()
    {
        string id = (await daemon.Docker("run", "-d", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 1")).Stdout.Trim();
        try
        {
            string state = "";
            for (int i = 0; i < 50 && state != "exited 2 1\n"; i++)
            {
                await Task.Delay(100);
                state = (await daemon.Docker("inspect", "-f", "{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}", id)).Stdout;
            }
            Assert.Equal("exited 2 1\n", state);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task A_wait_ends_with_the_container_already_restarting_so_a_plain_rm_is_refused()
    {
        // docker-py's create-with-restart-policy test: wait, then rm without force must be a 409.
        string id = (await daemon.DockerOk("run", "-d", "--restart", "always", "busybox", "sh", "-c", "exit 3")).Trim();
        try
        {
            Assert.Equal("3", (await daemon.DockerOk("wait", id)).Trim());
            var rm = await daemon.Docker("rm", id);
            Assert.NotEqual(0, rm.ExitCode);
            Assert.Contains($"You cannot remove a restarting container {id}", rm.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Always_restarts_until_stopped()
    {
        string id = (await daemon.Docker("run", "-d", "--restart", "always", "busybox", "sh", "-c", "sleep 0.2")).Stdout.Trim();
        try
        {
            await Task.Delay(1500);
            int count = int.Parse((await daemon.Docker("inspect", "-f", "{{.RestartCount}}", id)).Stdout);
            Assert.True(count >= 1, $"restarted {count} times");
            Assert.Equal(0, (await daemon.Docker("stop", "-t", "1", id)).ExitCode);
            await Task.Delay(700);
            Assert.Equal("exited\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}}", id)).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }
}
