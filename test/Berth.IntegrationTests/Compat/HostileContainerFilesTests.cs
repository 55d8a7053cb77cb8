using System.Diagnostics;
using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// A container shapes its own /etc/passwd and /etc/group, which berthd reads from the host
/// side: one that makes them a FIFO must not block the daemon's threads (or its lock on the
/// container), on restart or on <c>exec -u</c>.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class HostileContainerFilesTests(DaemonFixture daemon)
{
    private const string MakeGroupFifo = "rm -f /etc/group && mkfifo /etc/group";

    [RequiresRootFact]
    public async Task A_container_that_makes_etc_group_a_fifo_and_restarts_can_be_stopped_and_removed()
    {
        string id = await daemon.DockerOk("run", "-d", "--restart", "always", "busybox", "sh", "-c", MakeGroupFifo + " && sleep 0.3");
        try
        {
            await Task.Delay(2000); // exited, and the restarts since then read the FIFO
            var stop = await WithinAsync(TimeSpan.FromSeconds(15), daemon.Docker("stop", "-t", "1", id));
            Assert.True(stop.ExitCode == 0, stop.ToString());
            var rm = await WithinAsync(TimeSpan.FromSeconds(15), daemon.Docker("rm", "-f", id));
            Assert.True(rm.ExitCode == 0, rm.ToString());
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Exec_as_a_user_in_a_container_whose_etc_group_is_a_fifo_fails_promptly()
    {
        string id = await daemon.DockerOk("run", "-d", "busybox", "sh", "-c", MakeGroupFifo + " && sleep 600");
        try
        {
            // Watched from the host: in the container, anything that reads /etc/group would block
            // (runc itself opens it for every exec, as it does under Docker).
            string upper = Path.Combine(daemon.DataRoot, "overlay", id, "diff", "etc", "group");
            for (int i = 0; i < 50 && (await ProcessRunner.RunAsync("test", ["-p", upper])).ExitCode != 0; i++)
                await Task.Delay(100);
            var cli = await WithinAsync(TimeSpan.FromSeconds(15), daemon.Docker("exec", "-u", "0", id, "true"));
            Assert.True(cli.ExitCode == 126, cli.ToString());
            Assert.Equal("unable to find user 0: /etc/group is a FIFO, not a regular file\n",
                cli.Stdout.Replace("\r", ""));

            // The same through the API without an upgrade (a streamed 200), and the exec's code.
            using var http = daemon.CreateHttpClient();
            http.Timeout = TimeSpan.FromSeconds(15);
            var created = await http.PostAsync($"/containers/{id}/exec", Json("""{"User":"0","Cmd":["true"],"AttachStdout":true,"AttachStderr":true}"""));
            string execId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString()!;
            string stream = await (await http.PostAsync($"/exec/{execId}/start", Json("""{"Detach":false}"""))).Content.ReadAsStringAsync();
            Assert.Contains("unable to find user 0: /etc/group is a FIFO, not a regular file", stream);
            var inspect = JsonDocument.Parse(await http.GetStringAsync($"/exec/{execId}/json")).RootElement;
            Assert.Equal(126, inspect.GetProperty("ExitCode").GetInt32());
            // The daemon is not stuck on the container: other work on it goes on.
            Assert.Equal("running\n", (await WithinAsync(TimeSpan.FromSeconds(15), daemon.Docker("inspect", "-f", "{{.State.Status}}", id))).Stdout);
            var rm = await WithinAsync(TimeSpan.FromSeconds(15), daemon.Docker("rm", "-f", id));
            Assert.True(rm.ExitCode == 0, rm.ToString());
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static async Task<CommandResult> WithinAsync(TimeSpan limit, Task<CommandResult> command)
    {
        var clock = Stopwatch.StartNew();
        if (await Task.WhenAny(command, Task.Delay(limit)) != command)
            Assert.Fail($"still running after {limit.TotalSeconds} s");
        Assert.True(clock.Elapsed < limit);
        return await command;
    }
}
