using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// The default bridge network and published ports, with the real docker CLI. Traffic is real:
/// busybox httpd in a container, reached with curl from the daemon's host network (its own
/// network namespace, see <see cref="DaemonFixture"/>) and with wget from other containers.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class NetworkTests(DaemonFixture daemon)
{
    private const string Web = "mkdir -p /www && echo hello-$HOSTNAME > /www/index.html && exec httpd -f -p 80 -h /www";

    private async Task<string> RunWebAsync(string name, params string[] flags)
    {
        var r = await daemon.Docker(["run", "-d", "--name", name, .. flags, "busybox", "sh", "-c", Web]);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout.Trim();
    }

    /// <summary>curl from the host network, retried while httpd starts.</summary>
    private async Task<string> CurlAsync(string url)
    {
        CommandResult r = null!;
        for (int i = 0; i < 50; i++)
        {
            r = await daemon.InHostNetwork("curl", "-s", "-m", "2", url);
            if (r.ExitCode == 0)
                return r.Stdout;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"{url} did not answer: {r}");
    }

    private async Task<string> Inspect(string id, string format) => (await daemon.Docker("inspect", "-f", format, id)).Stdout.Trim();

    [RequiresRootFact]
    public async Task A_published_port_answers_on_the_host_address_and_on_localhost()
    {
        string id = await RunWebAsync("net-publish", "-p", "18080:80");
        try
        {
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync($"http://{DaemonFixture.HostAddress}:18080/"));
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync("http://127.0.0.1:18080/"));
            Assert.Equal("80/tcp -> 0.0.0.0:18080\n80/tcp -> [::]:18080\n", (await daemon.Docker("port", id)).Stdout);
            Assert.Equal("0.0.0.0:18080->80/tcp, [::]:18080->80/tcp\n", (await daemon.Docker("ps", "--filter", "id=" + id, "--format", "{{.Ports}}")).Stdout);
            // berthd holds the host port: a host process cannot listen on it meanwhile.
            var squatter = await daemon.InHostNetwork("timeout", "1", "busybox", "nc", "-l", "-p", "18080");
            Assert.NotEqual(124, squatter.ExitCode);
            Assert.Contains("in use", squatter.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
        // The forwarding and the hold went with the container.
        Assert.NotEqual(0, (await daemon.InHostNetwork("curl", "-s", "-m", "1", "http://127.0.0.1:18080/")).ExitCode);
        Assert.Equal(124, (await daemon.InHostNetwork("timeout", "1", "busybox", "nc", "-l", "-p", "18080")).ExitCode);
    }

    [RequiresRootFact]
    public async Task Publish_all_and_an_empty_host_port_pick_ports_from_the_ephemeral_range()
    {
        string id = await RunWebAsync("net-random", "-P", "--expose", "80", "-p", "127.0.0.1::53/udp");
        try
        {
            var ports = (await daemon.Docker("port", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, ports.Length);
            Assert.Matches(@"^53/udp -> 127\.0\.0\.1:\d+$", ports[0]);
            Assert.Matches(@"^80/tcp -> 0\.0\.0\.0:\d+$", ports[1]);
            Assert.Equal(ports[1].Replace("0.0.0.0", "[::]"), ports[2]);
            int port = int.Parse(ports[1].Split(':')[1]);
            Assert.InRange(port, 1024, 65535);
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync($"http://127.0.0.1:{port}/"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task A_taken_host_port_is_refused_with_dockers_message()
    {
        string id = await RunWebAsync("net-taken", "-p", "18081:80");
        try
        {
            var r = await daemon.Docker("run", "-d", "--name", "net-taken-2", "-p", "18081:80", "busybox", "sleep", "30");
            Assert.Equal(125, r.ExitCode);
            Assert.Contains("Bind for 0.0.0.0:18081 failed: port is already allocated", r.Stderr);
            // The first container still serves.
            Assert.Equal($"hello-{id[..12]}\n", await CurlAsync("http://127.0.0.1:18081/"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", id, "net-taken-2");
        }
    }

    [RequiresRootFact]
    public async Task Containers_get_an_address_on_the_bridge_and_reach_each_other()
    {
        string id = await RunWebAsync("net-peer");
        try
        {
            string ip = await Inspect(id, "{{.NetworkSettings.IPAddress}}");
            Assert.StartsWith("10.199.", ip);
            Assert.Equal("10.199.0.1 16", await Inspect(id, "{{.NetworkSettings.Gateway}} {{.NetworkSettings.IPPrefixLen}}"));
            // Docker's MAC: 02:42 and the IPv4 address's bytes.
            Assert.Equal("02:42:" + string.Join(":", System.Net.IPAddress.Parse(ip).GetAddressBytes().Select(b => b.ToString("x2"))),
                await Inspect(id, "{{.NetworkSettings.MacAddress}}"));
            Assert.Equal(ip, await Inspect(id, "{{.NetworkSettings.Networks.bridge.IPAddress}}"));
            Assert.Equal("bridge", await Inspect(id, "{{.HostConfig.NetworkMode}}"));

            var hosts = await daemon.Docker("exec", id, "cat", "/etc/hosts");
            if (hosts.ExitCode == 0) // exec may not be there yet; the file on disk says the same
                Assert.Contains($"{ip}\t{id[..12]}\n", hosts.Stdout);
            Assert.Contains($"{ip}\t{id[..12]}\n", File.ReadAllText(await Inspect(id, "{{.HostsPath}}")));

            string fetched = "";
            for (int i = 0; i < 30 && !fetched.Contains("hello"); i++)
            {
                var r = await daemon.Docker("run", "--rm", "busybox", "wget", "-q", "-O-", $"http://{ip}/");
                fetched = r.Stdout;
                if (!fetched.Contains("hello"))
                    await Task.Delay(100);
            }
            Assert.Equal($"hello-{id[..12]}\n", fetched);

            var route = await daemon.Docker("run", "--rm", "busybox", "ip", "route");
            Assert.Contains("default via 10.199.0.1 dev eth0", route.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Loopback_is_up_on_the_bridge_and_with_no_network()
    {
        foreach (string network in new[] { "bridge", "none" })
        {
            var lo = await daemon.Docker("run", "--rm", "--network", network, "busybox", "ip", "-o", "link", "show", "lo");
            Assert.True(lo.ExitCode == 0, lo.ToString());
            Assert.Matches("<LOOPBACK,UP,LOWER_UP>", lo.Stdout);
        }
    }

    [RequiresRootFact]
    public async Task None_and_host_networking_still_work()
    {
        var none = await daemon.Docker("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
        Assert.Equal(0, none.ExitCode);
        Assert.DoesNotContain("eth0", none.Stdout);
        var host = await daemon.Docker("run", "--rm", "--network", "host", "busybox", "ip", "-o", "addr");
        Assert.Equal(0, host.ExitCode);
        Assert.Contains(DaemonFixture.HostAddress, host.Stdout);
        // As Docker: published ports mean nothing without a bridge and are ignored.
        var publishOnHost = await daemon.Docker("run", "--rm", "--network", "host", "-p", "80:80", "busybox", "true");
        Assert.Equal(0, publishOnHost.ExitCode);
    }

    [RequiresRootFact]
    public async Task Network_ls_and_inspect_show_the_predefined_networks()
    {
        var ls = await daemon.Docker("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}");
        Assert.Equal(0, ls.ExitCode);
        Assert.Equal(["bridge bridge local", "host host local", "none null local"], ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var inspect = await daemon.Docker("network", "inspect", "bridge");
        Assert.Equal(0, inspect.ExitCode);
        using var doc = JsonDocument.Parse(inspect.Stdout);
        var config = doc.RootElement[0].GetProperty("IPAM").GetProperty("Config")[0];
        Assert.Equal("10.199.0.0/16", config.GetProperty("Subnet").GetString());
        Assert.Equal(DaemonFixture.Bridge, doc.RootElement[0].GetProperty("Options").GetProperty("com.docker.network.bridge.name").GetString());
    }

    [RequiresRootFact]
    public async Task A_container_leaves_no_namespace_veth_or_rule_behind()
    {
        string id = await RunWebAsync("net-clean", "-p", "18082:80");
        await CurlAsync("http://127.0.0.1:18082/");
        string netns = Path.Combine(daemon.ExecRoot, "netns", id);
        Assert.True(File.Exists(netns));
        Assert.Contains(id, (await daemon.InHostNetwork("iptables-save")).Stdout);

        Assert.Equal(0, (await daemon.Docker("stop", "-t", "1", id)).ExitCode);
        Assert.False(File.Exists(netns));
        Assert.DoesNotContain(id, (await daemon.InHostNetwork("iptables-save")).Stdout);
        Assert.Equal("", await Inspect(id, "{{.NetworkSettings.IPAddress}}"));

        // Restarted, it is on the network again; removed, it is gone from it.
        Assert.Equal(0, (await daemon.Docker("start", id)).ExitCode);
        Assert.Equal($"hello-{id[..12]}\n", await CurlAsync("http://127.0.0.1:18082/"));
        Assert.Equal(0, (await daemon.Docker("rm", "-f", id)).ExitCode);
        Assert.False(File.Exists(netns));
        string rules = (await daemon.InHostNetwork("iptables-save")).Stdout;
        Assert.DoesNotContain(id, rules);
        Assert.DoesNotContain("--dport 18082", rules);
    }

    [RequiresRootFact]
    public async Task Outbound_traffic_leaves_through_nat()
    {
        // An "outside" host in a namespace of its own, linked to the daemon's host network only:
        // it has no route to the bridge's subnet, so an answer proves the masquerade.
        using var outside = System.Diagnostics.Process.Start("unshare", ["--net", "sleep", "120"]);
        string www = Directory.CreateTempSubdirectory("berth-outside-").FullName;
        System.Diagnostics.Process? httpd = null;
        try
        {
            await Task.Delay(200);
            string pid = outside.Id.ToString();
            File.WriteAllText(Path.Combine(www, "index.html"), "outside\n");
            Assert.Equal(0, (await daemon.InHostNetwork("sh", "-c",
                $"ip link add outside0 type veth peer name outside1 && ip link set outside1 netns {pid} && ip addr add 203.0.113.1/24 dev outside0 && ip link set outside0 up")).ExitCode);
            Assert.Equal(0, (await ProcessRunner.RunAsync("nsenter", ["-t", pid, "-n", "sh", "-c",
                "ip link set lo up && ip addr add 203.0.113.2/24 dev outside1 && ip link set outside1 up"])).ExitCode);
            httpd = System.Diagnostics.Process.Start("nsenter", ["-t", pid, "-n", "busybox", "httpd", "-f", "-p", "203.0.113.2:8000", "-h", www]);
            string fetched = "";
            for (int i = 0; i < 30 && fetched != "outside\n"; i++)
            {
                fetched = (await daemon.Docker("run", "--rm", "busybox", "wget", "-q", "-O-", "http://203.0.113.2:8000/")).Stdout;
                if (fetched != "outside\n")
                    await Task.Delay(100);
            }
            Assert.Equal("outside\n", fetched);
        }
        finally
        {
            httpd?.Kill();
            outside.Kill(); // the namespace, its veth end and the peer go with it
            outside.WaitForExit();
            Directory.Delete(www, recursive: true);
        }
    }
}
