using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Detach keys (Ctrl-p Ctrl-q, <c>--detach-keys</c>): typed at the docker CLI at a terminal,
/// and written on a raw attach by the test itself, which only berthd can act on. Detaching
/// leaves the container (or the exec's process) running with its stdin open.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DetachTests(DaemonFixture daemon)
{
    private const string CtrlP = "\u0010", CtrlQ = "\u0011";

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private async Task<string> StatusOf(string container) =>
        (await daemon.Docker("inspect", "-f", "{{.State.Status}}", container)).Stdout.Trim();

    [RequiresRootFact]
    public async Task Run_it_detaches_and_a_later_attach_still_types_into_the_container()
    {
        try
        {
            var run = await daemon.DockerTyping([new("echo one\r", After: "# "), new(CtrlP, After: "one\r\n/ # "), new(CtrlQ)],
                "run", "-it", "--name", "detach-run", "--network", "none", "busybox", "sh");
            // As Docker's CLI for run: exit 0, nothing said.
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("one\r\n", run.Stdout);
            Assert.DoesNotContain("read escape sequence", run.Stdout);
            Assert.Equal("running", await StatusOf("detach-run"));

            var attach = await daemon.DockerTyping([new("echo two\r", DelayMs: 1500), new(CtrlP + CtrlQ, After: "two\r\n/ # ")], "attach", "detach-run");
            // As Docker's CLI 28 for attach: it reports the escape and exits 1.
            Assert.Contains("two\r\n", attach.Stdout);
            Assert.Contains("read escape sequence", attach.Stdout);
            Assert.Equal("running", await StatusOf("detach-run"));

            var custom = await daemon.DockerTyping([new("echo three\r", DelayMs: 1500), new(CtrlP + "x\r", After: "three\r\n/ # "), new("\u0018x", After: "/ # ")],
                "attach", "--detach-keys", "ctrl-x,x", "detach-run");
            Assert.Contains("three\r\n", custom.Stdout);
            Assert.Contains("read escape sequence", custom.Stdout);
            Assert.Equal("running", await StatusOf("detach-run"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "detach-run");
        }
    }

    [RequiresRootFact]
    public async Task Berth_attach_and_exec_it_detach_as_dockers_do()
    {
        try
        {
            Assert.Equal(0, (await daemon.Docker("run", "-dit", "--name", "detach-berth", "--network", "none", "busybox", "sh")).ExitCode);
            var attach = await daemon.BerthTyping([new("echo two\r", DelayMs: 1500), new(CtrlP + CtrlQ, After: "two\r\n/ # ")], "attach", "detach-berth");
            Assert.Equal(1, attach.ExitCode);
            Assert.Contains("two\r\n", attach.Stdout);
            Assert.Contains("read escape sequence", attach.Stdout);
            Assert.Equal("running", await StatusOf("detach-berth"));

            var exec = await daemon.BerthTyping([new("echo $$ > /tmp/shell\r", After: "# "), new(CtrlP + CtrlQ, After: "# ")], "exec", "-it", "detach-berth", "sh");
            Assert.Equal(1, exec.ExitCode);
            Assert.Contains("read escape sequence", exec.Stdout);
            Assert.Equal("alive\n", (await daemon.Docker("exec", "detach-berth", "sh", "-c", "kill -0 $(cat /tmp/shell) && echo alive")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "detach-berth");
        }
    }

    [RequiresRootFact]
    public async Task Start_ai_detaches_and_leaves_the_container_running()
    {
        try
        {
            Assert.Equal(0, (await daemon.Docker("create", "-it", "--name", "detach-start", "--network", "none", "busybox", "sh")).ExitCode);
            var start = await daemon.DockerTyping([new("echo up\r", After: "# "), new(CtrlP + CtrlQ, After: "up\r\n/ # ")], "start", "-ai", "detach-start");
            Assert.True(start.ExitCode == 0, start.ToString());
            Assert.Contains("up\r\n", start.Stdout);
            Assert.Equal("running", await StatusOf("detach-start"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "detach-start");
        }
    }

    [RequiresRootFact]
    public async Task Exec_it_detaches_and_the_process_runs_on()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sleep", "1000")).Stdout.Trim();
        try
        {
            var exec = await daemon.DockerTyping([new("echo $$ > /tmp/shell\r", After: "# "), new(CtrlP + CtrlQ, After: "# ")], "exec", "-it", id, "sh");
            Assert.Contains("read escape sequence", exec.Stdout);
            var alive = await daemon.Docker("exec", id, "sh", "-c", "kill -0 $(cat /tmp/shell) && echo alive");
            Assert.Equal("alive\n", alive.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task The_daemon_detaches_a_raw_attach_at_the_keys_and_passes_partial_sequences_on()
    {
        string id = (await daemon.Docker("run", "-dit", "--network", "none", "busybox", "cat")).Stdout.Trim();
        try
        {
            await using (var attach = await HijackedConnection.OpenAsync(daemon.Socket, $"/containers/{id}/attach?stream=1&stdin=1&stdout=1&stderr=1"))
            {
                Assert.StartsWith("HTTP/1.1 101 ", attach.Status);
                // Ctrl-p then b is no detach: both reach cat (which repeats the line) as typed.
                await attach.TypeAsync("a" + CtrlP);
                await Task.Delay(300);
                await attach.TypeAsync("b\n");
                Assert.True(await attach.WaitForAsync("a" + CtrlP + "b\r\n"), attach.Received);
                await attach.TypeAsync(CtrlP + CtrlQ);
                Assert.True(await attach.WaitForEndAsync(), "the attach was not ended: " + attach.Received);
            }
            Assert.Equal("running", await StatusOf(id));
            string until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString();
            var events = await daemon.Docker("events", "--since", "1m", "--until", until, "--filter", "container=" + id, "--format", "{{.Action}}");
            Assert.Contains("attach\ndetach\n", events.Stdout);

            // stdin stayed open: a new attach types into the same cat, and its own keys detach it.
            await using (var again = await HijackedConnection.OpenAsync(daemon.Socket, $"/containers/{id}/attach?stream=1&stdin=1&stdout=1&detachKeys=ctrl-a,a"))
            {
                await again.TypeAsync("still here\n" + CtrlP + CtrlQ + "\n");
                Assert.True(await again.WaitForAsync("still here\r\n"), again.Received);
                await again.TypeAsync("\u0001a");
                Assert.True(await again.WaitForEndAsync(), "the attach was not ended: " + again.Received);
            }
            Assert.Equal("running", await StatusOf(id));
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Without_a_terminal_the_keys_are_plain_input()
    {
        string id = (await daemon.Docker("run", "-di", "--network", "none", "busybox", "cat")).Stdout.Trim();
        try
        {
            await using var attach = await HijackedConnection.OpenAsync(daemon.Socket, $"/containers/{id}/attach?stream=1&stdin=1&stdout=1");
            await attach.TypeAsync("a" + CtrlP + CtrlQ + "b\n");
            Assert.True(await attach.WaitForAsync("a" + CtrlP + CtrlQ + "b\n"), attach.Received);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Unknown_detach_keys_are_refused_with_dockers_errors()
    {
        string id = (await daemon.Docker("run", "-dit", "--network", "none", "busybox", "cat")).Stdout.Trim();
        try
        {
            using var client = daemon.CreateHttpClient();
            var attach = await client.PostAsync($"/containers/{id}/attach?stream=1&stdin=1&detachKeys=ctrl-xx", null);
            Assert.Equal(400, (int)attach.StatusCode);
            Assert.Equal("Invalid detach keys (ctrl-xx) provided", JsonDocument.Parse(await attach.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

            var exec = await client.PostAsync($"/containers/{id}/exec", Body("""{"Cmd":["sh"],"Tty":true,"AttachStdin":true,"DetachKeys":"ctrl-xx"}"""));
            Assert.Equal(500, (int)exec.StatusCode);
            Assert.Equal("Invalid escape keys (ctrl-xx) provided", JsonDocument.Parse(await exec.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

            var keyed = await client.PostAsync($"/containers/{id}/exec", Body("""{"Cmd":["sh"],"Tty":true,"AttachStdin":true,"DetachKeys":"ctrl-a,b"}"""));
            string execId = JsonDocument.Parse(await keyed.Content.ReadAsStringAsync()).RootElement.GetProperty("Id").GetString()!;
            // As Docker: the bytes, base64.
            Assert.Equal("AWI=", JsonDocument.Parse(await client.GetStringAsync($"/exec/{execId}/json")).RootElement.GetProperty("DetachKeys").GetString());

            // The docker CLI creates the container, then cannot attach: as against Docker.
            var run = await daemon.DockerAtTerminal(24, 80, "run", "-it", "--name", "detach-bad", "--detach-keys", "ctrl-xx", "busybox", "true");
            Assert.Contains("unable to upgrade to tcp, received 400", run.Stdout);
            Assert.Equal("created", await StatusOf("detach-bad"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", id, "detach-bad");
        }
    }
}
