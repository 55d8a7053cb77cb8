using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Published ports through Berth's own nat rules (the BERTH and BERTH-HAIRPIN chains): reached
/// on the bridge's gateway address without a masquerade, on 127.0.0.1 and from the container
/// itself with one, and gone without a trace after rm, also when berthd was killed meanwhile.
/// Uses a daemon of its own: it kills it, and reads the whole nat table.
/// </summary>
public sealed class PortForwardingTests : IAsyncLifetime
{
    private const string Web = "mkdir -p /www && echo hello-$HOSTNAME > /www/index.html && exec httpd -f -p 80 -h /www";
    private readonly DaemonFixture _daemon = new();

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public Task DisposeAsync() => _daemon.DisposeAsync();

    private async Task<string> RunWebAsync(string name, string publish) =>
        await _daemon.DockerOk("run", "-d", "--name", name, "-p", publish, "busybox", "sh", "-c", Web);

    /// <summary>curl from the daemon's host network, retried while httpd starts.</summary>
    private async Task<string> CurlAsync(string url)
    {
        CommandResult r = null!;
        for (int i = 0; i < 50; i++)
        {
            r = await _daemon.InHostNetwork("curl", "-s", "-m", "2", url);
            if (r.ExitCode == 0)
                return r.Stdout;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{url} did not answer: {r}");
    }

    private async Task<string> NatTableAsync(bool counters = false) =>
        (await _daemon.InHostNetwork(counters ? ["iptables-save", "-c", "-t", "nat"] : ["iptables", "-w", "-t", "nat", "-S"])).Stdout;

    /// <summary>Packets the masquerade rules of a container port matched: (from 127.0.0.0/8, from the bridge).</summary>
    private async Task<(long Localhost, long Bridge)> MasqueradedAsync(string id)
    {
        long local = 0, bridge = 0;
        foreach (Match m in Regex.Matches(await NatTableAsync(counters: true), @"^\[(\d+):\d+\] -A BERTH-HAIRPIN (.*)$", RegexOptions.Multiline))
        {
            if (!m.Groups[2].Value.Contains(id))
                continue;
            if (m.Groups[2].Value.StartsWith("-s 127.0.0.0/8"))
                local += long.Parse(m.Groups[1].Value);
            else
                bridge += long.Parse(m.Groups[1].Value);
        }
        return (local, bridge);
    }

    /// <summary>Nothing of the container's forwarding is left in the nat table, nor of its host port.</summary>
    private async Task AssertNoRulesLeftAsync(string id, int hostPort)
    {
        string nat = await NatTableAsync();
        Assert.DoesNotContain(id, nat);
        Assert.DoesNotContain($"--dport {hostPort} ", nat);
        Assert.DoesNotContain("-A BERTH ", nat);
        Assert.DoesNotContain("-A BERTH-HAIRPIN ", nat);
    }

    [RequiresRootFact]
    public async Task The_gateway_address_is_forwarded_without_masquerade_and_localhost_with_one()
    {
        string id = await RunWebAsync("pf-gateway", "18110:80");
        try
        {
            string gateway = (await _daemon.DockerOk("inspect", "-f", "{{.NetworkSettings.Gateway}}", id));
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync($"http://{gateway}:18110/"));
            Assert.Equal((0L, 0L), await MasqueradedAsync(id));
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync($"http://{DaemonFixture.HostAddress}:18110/"));
            Assert.Equal((0L, 0L), await MasqueradedAsync(id));
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync("http://127.0.0.1:18110/"));
            Assert.True((await MasqueradedAsync(id)).Localhost > 0);
        }
        finally
        {
            await _daemon.Docker("rm", "-f", id);
        }
        await AssertNoRulesLeftAsync(id, 18110);
        Assert.NotEqual(0, (await _daemon.InHostNetwork("curl", "-s", "-m", "1", "http://127.0.0.1:18110/")).ExitCode);
    }

    [RequiresRootFact]
    public async Task A_container_reaches_its_own_published_port_and_so_does_its_neighbour()
    {
        string id = await RunWebAsync("pf-hairpin", "18111:80");
        try
        {
            await CurlAsync("http://127.0.0.1:18111/"); // httpd is up
            // In the container's own network namespace: its own address is the source.
            var own = await _daemon.Docker("run", "--rm", "--network", "container:" + id, "busybox", "wget", "-q", "-O-", $"http://{DaemonFixture.HostAddress}:18111/");
            Assert.True(own.ExitCode == 0, own.ToString());
            Assert.Equal($"hello-{id[..12]}\n", own.Stdout);
            Assert.True((await MasqueradedAsync(id)).Bridge > 0);
            var neighbour = await _daemon.Docker("run", "--rm", "busybox", "wget", "-q", "-O-", $"http://{DaemonFixture.HostAddress}:18111/");
            Assert.True(neighbour.ExitCode == 0, neighbour.ToString());
            Assert.Equal($"hello-{id[..12]}\n", neighbour.Stdout);
        }
        finally
        {
            await _daemon.Docker("rm", "-f", id);
        }
        await AssertNoRulesLeftAsync(id, 18111);
    }

    [RequiresRootFact]
    public async Task After_a_daemon_kill_the_rules_are_those_of_the_running_containers_once_and_rm_takes_them()
    {
        string running = await RunWebAsync("pf-survivor", "18112:80");
        string exiting = await _daemon.DockerOk("run", "-d", "--name", "pf-exiting", "-p", "18113:80", "busybox", "sleep", "1");
        await CurlAsync("http://127.0.0.1:18112/");
        string before = await NatTableAsync();
        int lines = before.Split('\n').Count(l => l.Contains(running));
        Assert.Equal(3, lines); // the DNAT, the masquerade from the bridge and from localhost
        _daemon.Kill();
        await Task.Delay(2000); // pf-exiting exits while nobody watches
        await _daemon.StartAsync();

        Assert.Equal($"hello-{running[..12]}\n", await CurlAsync($"http://{DaemonFixture.HostAddress}:18112/"));
        string after = await NatTableAsync();
        Assert.Equal(lines, after.Split('\n').Count(l => l.Contains(running)));
        Assert.DoesNotContain(exiting, after);
        Assert.DoesNotContain("--dport 18113 ", after);
        // One hook each, not one more per daemon start.
        Assert.Equal(1, Regex.Matches(after, "^-A PREROUTING .*-j BERTH$", RegexOptions.Multiline).Count);
        Assert.Equal(1, Regex.Matches(after, "^-A OUTPUT .*-j BERTH$", RegexOptions.Multiline).Count);
        Assert.Equal(1, Regex.Matches(after, "^-A POSTROUTING .*-j BERTH-HAIRPIN$", RegexOptions.Multiline).Count);

        Assert.Equal(0, (await _daemon.Docker("rm", "-f", running, exiting)).ExitCode);
        await AssertNoRulesLeftAsync(running, 18112);
    }
}
