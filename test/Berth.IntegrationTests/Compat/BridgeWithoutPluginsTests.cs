using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Berth's own bridges need no CNI plugin: a daemon whose <c>--cni-plugin-dir</c> is empty
/// still puts containers on the default bridge and on user networks, with NAT to the world
/// outside its host, fixed addresses, connect and disconnect, and every address back in its
/// pool when the containers are gone. The "world" is a namespace of its own behind the
/// daemon's host network, whose server answers with the address it sees the client at.
/// </summary>
public sealed class BridgeWithoutPluginsTests : IAsyncLifetime
{
    private const string OutsideAddress = "203.0.113.2", HostSideAddress = "203.0.113.1";
    private readonly string _emptyPluginDir = Directory.CreateTempSubdirectory("berth-no-cni-").FullName;
    private readonly DaemonFixture _daemon;
    private string Outside => Path.Combine(_daemon.Dir, "outside");

    public BridgeWithoutPluginsTests() => _daemon = new DaemonFixture { ExtraArgs = ["--cni-plugin-dir", _emptyPluginDir] };

    public Task InitializeAsync() => _daemon.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        Directory.Delete(_emptyPluginDir, recursive: true);
    }

    /// <summary>The outside namespace, linked to the daemon's host network by a veth, serving HTTP on port 8099.</summary>
    private async Task<System.Diagnostics.Process> StartOutsideServerAsync()
    {
        File.WriteAllBytes(Outside, []);
        Assert.Equal(0, (await ProcessRunner.RunAsync("unshare", ["--net=" + Outside, "true"])).ExitCode);
        var link = await _daemon.InHostNetwork("sh", "-c",
            $"ip link add bwp-in type veth peer name bwp-out && ip link set bwp-out netns {Outside} && ip addr add {HostSideAddress}/24 dev bwp-in && ip link set bwp-in up");
        Assert.True(link.ExitCode == 0, link.ToString());
        Assert.Equal(0, (await ProcessRunner.RunAsync("nsenter", ["--net=" + Outside, "sh", "-c",
            $"ip link set lo up && ip addr add {OutsideAddress}/24 dev bwp-out && ip link set bwp-out up"])).ExitCode);
        const string server = """
            import http.server
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.end_headers(); self.wfile.write(self.client_address[0].encode())
            http.server.HTTPServer(("203.0.113.2", 8099), H).serve_forever()
            """;
        var info = new System.Diagnostics.ProcessStartInfo("nsenter") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string a in new[] { "--net=" + Outside, "python3", "-c", server })
            info.ArgumentList.Add(a);
        var process = System.Diagnostics.Process.Start(info)!;
        for (int i = 0; i < 100; i++)
        {
            var probe = await ProcessRunner.RunAsync("nsenter", ["--net=" + Outside, "sh", "-c", "ss -ltn | grep -q ':8099 '"]);
            if (probe.ExitCode == 0)
                break;
            await Task.Delay(100);
        }
        return process;
    }

    private async Task StopOutsideServerAsync(System.Diagnostics.Process server)
    {
        server.Kill();
        await server.WaitForExitAsync();
        await ProcessRunner.RunAsync("umount", ["-l", Outside]); // the outside's veth goes with it
        File.Delete(Outside);
    }

    [RequiresRootFact]
    public async Task The_default_bridge_reaches_outside_through_NAT_without_a_plugin()
    {
        Assert.Empty(Directory.GetFiles(_emptyPluginDir));
        var server = await StartOutsideServerAsync();
        try
        {
            // The server sees the daemon host's address: the container's was masqueraded on the way out.
            var fetched = await _daemon.Docker("run", "--rm", "--name", "bwp-nat", "busybox", "wget", "-q", "-O-", $"http://{OutsideAddress}:8099/");
            Assert.True(fetched.ExitCode == 0, fetched.ToString());
            Assert.Equal(HostSideAddress, fetched.Stdout);
            // The host's own address, through the bridge's gateway.
            var routed = await _daemon.Docker("run", "--rm", "busybox", "sh", "-c", "ip route | grep default; ping -c1 -W2 " + DaemonFixture.HostAddress + " >/dev/null && echo reached");
            Assert.Contains("default via 10.199.0.1 dev eth0", routed.Stdout);
            Assert.Contains("reached", routed.Stdout);
        }
        finally
        {
            await StopOutsideServerAsync(server);
        }
        Assert.Empty(AddressesHeld(Path.Combine(_daemon.DataRoot, "network", "ipam", "bridge")));
    }

    [RequiresRootFact]
    public async Task User_networks_fixed_addresses_connect_and_disconnect_work_without_a_plugin()
    {
        string netId = await _daemon.DockerOk("network", "create", "--subnet", "10.97.3.0/24", "--ip-range", "10.97.3.64/26", "bwp-net");
        try
        {
            await _daemon.DockerOk("run", "-d", "--name", "bwp-web", "--network", "bwp-net", "--ip", "10.97.3.7", "busybox", "sh", "-c",
                "mkdir /www && echo hello > /www/index.html && exec httpd -f -p 80 -h /www");
            string other = await _daemon.DockerOk("run", "-d", "--name", "bwp-other", "busybox", "sleep", "300");
            Assert.Equal("10.97.3.7", await _daemon.DockerOk("inspect", "-f", "{{(index .NetworkSettings.Networks \"bwp-net\").IPAddress}}", "bwp-web"));
            await _daemon.DockerOk("network", "connect", "bwp-net", "bwp-other");
            Assert.Equal("10.97.3.65", await _daemon.DockerOk("inspect", "-f", "{{(index .NetworkSettings.Networks \"bwp-net\").IPAddress}}", "bwp-other"));
            Assert.Equal("hello", await _daemon.DockerOk("exec", "bwp-other", "wget", "-q", "-O-", "http://bwp-web/"));
            await _daemon.DockerOk("network", "disconnect", "bwp-net", "bwp-other");
            Assert.Equal("eth0", await _daemon.DockerOk("exec", "bwp-other", "sh", "-c", "ls /sys/class/net | grep eth | xargs"));
            string ipamDir = Path.Combine(_daemon.DataRoot, "network", "ipam-" + netId[..12], "bwp-net");
            Assert.Equal(["10.97.3.7"], AddressesHeld(ipamDir));
            // One veth left on the network's bridge: the web server's.
            var ports = await _daemon.InHostNetwork("ip", "-o", "link", "show", "master", "br-" + netId[..12]);
            Assert.Single(ports.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await _daemon.DockerOk("rm", "-f", "bwp-web", other);
            Assert.Empty(AddressesHeld(ipamDir));
        }
        finally
        {
            await _daemon.Docker("rm", "-f", "bwp-web", "bwp-other");
            await _daemon.Docker("network", "rm", "bwp-net");
        }
        var bridge = await _daemon.InHostNetwork("ip", "link", "show", "br-" + netId[..12]);
        Assert.NotEqual(0, bridge.ExitCode); // network rm took the bridge
    }

    [RequiresRootFact]
    public async Task A_full_network_refuses_with_Dockers_message()
    {
        string netId = await _daemon.DockerOk("network", "create", "--subnet", "10.97.4.0/30", "bwp-tiny");
        try
        {
            await _daemon.DockerOk("run", "-d", "--name", "bwp-t1", "--network", "bwp-tiny", "busybox", "sleep", "300");
            var refused = await _daemon.Docker("run", "--rm", "--name", "bwp-t2", "--network", "bwp-tiny", "busybox", "true");
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"no available IPv4 addresses on this network's address pools: bwp-tiny ({netId})", refused.Stderr);
        }
        finally
        {
            await _daemon.Docker("rm", "-f", "bwp-t1", "bwp-t2");
            await _daemon.Docker("network", "rm", "bwp-tiny");
        }
    }

    private static IEnumerable<string> AddressesHeld(string dir) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir).Select(Path.GetFileName).Where(n => System.Net.IPAddress.TryParse(n, out _)).Order()!
            : [];
}
