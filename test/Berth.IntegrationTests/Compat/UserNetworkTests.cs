using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>User-defined networks (<c>docker network create</c>) and Berth's resolver on them, with real traffic.</summary>
[Collection(DaemonCollection.Name)]
public sealed class UserNetworkTests(DaemonFixture daemon)
{
    private const string Web = "mkdir /www && echo hello > /www/index.html && exec httpd -f -p 80 -h /www";

    private Task<string> Run(params string[] args) => daemon.DockerOk(args);

    [RequiresRootFact]
    public async Task Containers_reach_each_other_by_name_alias_and_id_and_the_network_goes_cleanly()
    {
        string netId = await Run("network", "create", "--label", "team=a", "it-net");
        string id = "";
        try
        {
            id = await Run("run", "-d", "--name", "it-web", "--network", "it-net", "--network-alias", "it-www", "busybox", "sh", "-c", Web);
            string fetch = $"for h in it-web it-www {id[..12]}; do for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://$h/ && break; sleep 0.2; done; done";
            Assert.Equal("hello\nhello\nhello", await Run("run", "--rm", "--network", "it-net", "busybox", "sh", "-c", fetch));
            Assert.StartsWith("nameserver 10.90.", await Run("run", "--rm", "--network", "it-net", "busybox", "cat", "/etc/resolv.conf"));

            // A rename shows at once; the old name is gone.
            await Run("rename", "it-web", "it-web2");
            Assert.Equal("hello", await Run("run", "--rm", "--network", "it-net", "busybox", "wget", "-q", "-O-", "http://it-web2/"));
            Assert.NotEqual(0, (await daemon.Docker("run", "--rm", "--network", "it-net", "busybox", "nslookup", "it-web")).ExitCode);
            // The default bridge has no resolver of Berth's, as Docker's has none.
            Assert.NotEqual(0, (await daemon.Docker("run", "--rm", "busybox", "nslookup", "it-web2")).ExitCode);

            Assert.Equal(id, await Run("network", "inspect", "-f", "{{range $k, $v := .Containers}}{{$k}}{{end}}", "it-net"));
            Assert.Equal("it-net", await Run("network", "ls", "--filter", "label=team=a", "--format", "{{.Name}}"));
            Assert.Equal("[\"it-www\"]", await Run("inspect", "-f", "{{json (index .NetworkSettings.Networks \"it-net\").Aliases}}", id));

            var busy = await daemon.Docker("network", "rm", "it-net");
            Assert.Equal(1, busy.ExitCode);
            Assert.Contains("has active endpoints", busy.Stderr);
        }
        finally
        {
            if (id.Length > 0)
                await daemon.Docker("rm", "-f", id);
        }
        Assert.Equal("it-net", await Run("network", "rm", "it-net"));
        Assert.NotEqual(0, (await daemon.InHostNetwork("ip", "link", "show", "br-" + netId[..12])).ExitCode);
        Assert.DoesNotContain("br-" + netId[..12], (await daemon.InHostNetwork("iptables-save")).Stdout);
    }

    [RequiresRootFact]
    public async Task Create_checks_its_input_and_prune_removes_unused_networks()
    {
        Assert.Equal("it-sub", await Run("network", "create", "--subnet", "10.91.5.0/24", "--gateway", "10.91.5.254", "it-sub") is var sub && sub.Length == 64 ? "it-sub" : sub);
        try
        {
            Assert.Equal("10.91.5.0/24 10.91.5.254", await Run("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", "it-sub"));
            var twice = await daemon.Docker("network", "create", "it-sub");
            Assert.Contains("network with name it-sub already exists", twice.Stderr);
            var overlap = await daemon.Docker("network", "create", "--subnet", "10.91.5.0/25", "it-overlap");
            Assert.Contains("Pool overlaps with other one on this address space", overlap.Stderr);
            var predefined = await daemon.Docker("network", "rm", "bridge");
            Assert.Contains("bridge is a pre-defined network and cannot be removed", predefined.Stderr);
            // As Docker: created, then refused at start.
            var missing = await daemon.Docker("run", "--name", "it-nonet", "--network", "it-nosuch", "busybox", "true");
            Assert.Equal(125, missing.ExitCode);
            Assert.Contains("network it-nosuch not found", missing.Stderr);
            Assert.Equal("created", await Run("inspect", "-f", "{{.State.Status}}", "it-nonet"));
            await Run("rm", "it-nonet");

            string ip = await Run("run", "--rm", "--network", "it-sub", "busybox", "sh", "-c", "ip -4 -o addr show eth0 | awk '{print $4}'");
            Assert.StartsWith("10.91.5.", ip);
        }
        finally
        {
            await daemon.Docker("network", "rm", "it-sub");
        }
        await Run("network", "create", "it-prune1");
        await Run("network", "create", "--internal", "it-prune2");
        var prune = await Run("network", "prune", "-f");
        Assert.Contains("it-prune1", prune);
        Assert.Contains("it-prune2", prune);
        Assert.Equal("", await Run("network", "ls", "--filter", "type=custom", "-q"));
    }

    [RequiresRootFact]
    public async Task Bridge_options_set_the_mtu_and_turn_traffic_between_containers_and_masquerade_off()
    {
        await Run("network", "create", "--subnet", "10.91.7.0/24", "-o", "com.docker.network.driver.mtu=1400",
            "-o", "com.docker.network.bridge.enable_icc=false", "-o", "com.docker.network.bridge.enable_ip_masquerade=false", "it-opts");
        string id = "";
        try
        {
            id = await Run("run", "-d", "--name", "it-opt-web", "--network", "it-opts", "busybox", "sh", "-c", Web);
            Assert.Equal("1400", await Run("exec", id, "cat", "/sys/class/net/eth0/mtu"));
            // No traffic between the network's containers, though their names still resolve.
            var blocked = await daemon.Docker("run", "--rm", "--network", "it-opts", "busybox", "sh", "-c",
                "nslookup it-opt-web >/dev/null || exit 2; timeout 2 wget -q -O- http://it-opt-web/ && exit 0; exit 1"); // timeout must not be PID 1
            Assert.Equal(1, blocked.ExitCode);
            Assert.DoesNotContain("10.91.7.0/24", (await daemon.InHostNetwork("iptables-save", "-t", "nat")).Stdout);
        }
        finally
        {
            if (id.Length > 0)
                await daemon.Docker("rm", "-f", id);
            await Run("network", "rm", "it-opts");
        }
        var bad = await daemon.Docker("network", "create", "-o", "com.docker.network.driver.mtu=abc", "it-badmtu");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("failed to parse com.docker.network.driver.mtu value: abc", bad.Stderr);
    }

    [RequiresRootFact]
    public async Task Prune_takes_label_and_until_and_refuses_other_filters()
    {
        await Run("network", "create", "--label", "unp=keep", "unp-keep");
        await Run("network", "create", "--label", "unp=go", "unp-go");
        try
        {
            Assert.Equal("", await Run("network", "prune", "-f", "--filter", "until=1h")); // both younger than an hour
            var pruned = await Run("network", "prune", "-f", "--filter", "label!=unp=keep", "--filter", "label=unp");
            Assert.Equal("Deleted Networks:\nunp-go", pruned);
            var bad = await daemon.Docker("network", "prune", "-f", "--filter", "name=unp-keep");
            Assert.Equal("Error response from daemon: invalid filter 'name'\n", bad.Stderr);
        }
        finally
        {
            await daemon.Docker("network", "rm", "unp-keep", "unp-go");
        }
    }
}
