using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// IPv6 on user-defined bridges (<c>network create --ipv6 --subnet</c>), as dockerd 20.10 does
/// it: an IPv4 subnet from the pools beside the IPv6 one, an address of each per container,
/// <c>--ip6</c>, AAAA answers from the network's resolver, and published ports on IPv6.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class IPv6NetworkTests(DaemonFixture daemon)
{
    private const string Web = "mkdir /www && echo hello6 > /www/index.html && exec httpd -f -p 80 -h /www";

    private Task<string> Run(params string[] args) => daemon.DockerOk(args);

    [RequiresRootFact]
    public async Task Containers_get_an_ipv6_address_and_reach_each_other_by_name_over_it()
    {
        string netId = await Run("network", "create", "--ipv6", "--subnet", "fd00:b7:1::/64", "v6t-net");
        try
        {
            using (var ipam = JsonDocument.Parse(await Run("network", "inspect", "-f", "{{json .IPAM.Config}}", "v6t-net")))
            {
                var configs = ipam.RootElement.EnumerateArray().ToList();
                Assert.Equal(2, configs.Count);
                Assert.StartsWith("10.90.", configs[0].GetProperty("Subnet").GetString()); // from the pools, as Docker gives one
                Assert.Equal("""{"Subnet":"fd00:b7:1::/64"}""", configs[1].GetRawText());
            }
            Assert.Equal("true", await Run("network", "inspect", "-f", "{{.EnableIPv6}}", "v6t-net"));
            Assert.Equal("true", await Run("network", "ls", "--filter", "name=v6t-net", "--format", "{{.IPv6}}"));

            string a = await Run("run", "-d", "--name", "v6t-a", "--network", "v6t-net", "busybox", "sleep", "300");
            await Run("run", "-d", "--name", "v6t-b", "--network", "v6t-net", "--ip6", "fd00:b7:1::99", "--network-alias", "v6t-alias", "busybox", "sleep", "300");
            Assert.Equal("fd00:b7:1::99 64 fd00:b7:1::1 {\"IPv6Address\":\"fd00:b7:1::99\"}", await Run("inspect", "-f",
                "{{with index .NetworkSettings.Networks \"v6t-net\"}}{{.GlobalIPv6Address}} {{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}} {{json .IPAMConfig}}{{end}}", "v6t-b"));
            string aV6 = await Run("inspect", "-f", "{{(index .NetworkSettings.Networks \"v6t-net\").GlobalIPv6Address}}", a);
            Assert.StartsWith("fd00:b7:1::", aV6);
            Assert.Contains(aV6 + "/64", await Run("network", "inspect", "-f", "{{range .Containers}}{{.IPv6Address}} {{end}}", "v6t-net"));
            Assert.Contains($"{aV6}\t{a[..12]}", await Run("exec", a, "cat", "/etc/hosts"));

            Assert.Contains("Address: fd00:b7:1::99", await Run("exec", "v6t-a", "nslookup", "-type=aaaa", "v6t-alias"));
            Assert.Contains("1 packets received", await Run("exec", "v6t-a", "ping6", "-c", "1", "-W", "5", "v6t-b"));
            Assert.Equal("1", (await daemon.InHostNetwork("cat", "/proc/sys/net/ipv6/conf/all/forwarding")).Stdout.Trim());

            var taken = await daemon.Docker("run", "-d", "--name", "v6t-c", "--network", "v6t-net", "--ip6", "fd00:b7:1::99", "busybox", "true");
            Assert.Contains("Address already in use", taken.Stderr);
            var outside = await daemon.Docker("run", "--rm", "--network", "v6t-net", "--ip6", "fd00:b7:9::5", "busybox", "true");
            Assert.Contains("Invalid address fd00:b7:9::5: It does not belong to any of this network's subnets", outside.Stderr);
            var bad = await daemon.Docker("run", "--rm", "--network", "v6t-net", "--ip6", "zzz", "busybox", "true");
            Assert.Contains("invalid IPv6 address: zzz", bad.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "v6t-a", "v6t-b", "v6t-c");
            await daemon.Docker("network", "rm", "v6t-net");
        }
        Assert.NotEqual(0, (await daemon.InHostNetwork("ip", "link", "show", "br-" + netId[..12])).ExitCode);
    }

    [RequiresRootFact]
    public async Task Fixed_ipv6_addresses_and_ipv6_without_a_subnet_are_refused_as_docker_refuses_them()
    {
        var noPool = await daemon.Docker("network", "create", "--ipv6", "v6t-nopool");
        Assert.Equal(1, noPool.ExitCode);
        Assert.Contains("could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network", noPool.Stderr);
        var two = await daemon.Docker("network", "create", "--ipv6", "--subnet", "fd00:b7:3::/64", "--subnet", "fd00:b7:4::/64", "v6t-two");
        Assert.Contains("bridge driver doesn't support multiple subnets", two.Stderr);

        await Run("network", "create", "--subnet", "10.94.3.0/24", "v6t-v4only");
        try
        {
            var r = await daemon.Docker("run", "--rm", "--network", "v6t-v4only", "--ip6", "fd00:b7:3::5", "busybox", "true");
            Assert.Equal(125, r.ExitCode);
            Assert.Contains("user specified IP address is supported only when connecting to networks with user configured subnets", r.Stderr);
            var onDefault = await daemon.Docker("run", "--rm", "--ip6", "fd00:b7:3::5", "busybox", "true");
            Assert.Contains("user specified IP address is supported on user defined networks only", onDefault.Stderr);
        }
        finally
        {
            await daemon.Docker("network", "rm", "v6t-v4only", "v6t-nopool", "v6t-two");
        }
    }

    [RequiresRootFact]
    public async Task A_published_port_is_reached_over_ipv6_loopback_and_the_hosts_ipv6_address()
    {
        await Run("network", "create", "--ipv6", "--subnet", "fd00:b7:2::/64", "--subnet", "10.94.2.0/24", "v6t-web");
        await daemon.InHostNetwork("ip", "addr", "add", "2001:db8:b7::1/64", "dev", "hostif", "nodad");
        try
        {
            await Run("run", "-d", "--name", "v6t-httpd", "--network", "v6t-web", "-p", "18761:80", "busybox", "sh", "-c", Web);
            string fetch = "for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -m 3 http://{0}:18761/ && exit 0; sleep 0.3; done; exit 1";
            foreach (string host in (string[])["[::1]", "[2001:db8:b7::1]", "127.0.0.1"])
            {
                var r = await daemon.InHostNetwork("sh", "-c", string.Format(fetch, host));
                Assert.True(r.ExitCode == 0 && r.Stdout.Trim() == "hello6", host + ": " + r);
            }
            // From a container on the network, by the host's IPv6 address too (hairpin through the bridge).
            Assert.Equal("hello6", await Run("run", "--rm", "--network", "v6t-web", "busybox", "wget", "-q", "-O-", "http://[2001:db8:b7::1]:18761/"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "v6t-httpd");
            await daemon.Docker("network", "rm", "v6t-web");
            await daemon.InHostNetwork("ip", "addr", "del", "2001:db8:b7::1/64", "dev", "hostif");
        }
        var closed = await daemon.InHostNetwork("curl", "-s", "-m", "2", "http://[::1]:18761/");
        Assert.NotEqual(0, closed.ExitCode);
    }
}
