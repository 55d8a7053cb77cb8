using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>network connect</c>/<c>disconnect</c> on running and stopped containers, fixed addresses
/// and MACs, with the real docker CLI and real traffic between the containers.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class NetworkConnectTests(DaemonFixture daemon)
{
    private const string Web = "mkdir /www && echo hello > /www/index.html && exec httpd -f -p 80 -h /www";

    private Task<string> Run(params string[] args) => daemon.DockerOk(args);

    /// <summary>wget from a container on <paramref name="network"/>, retried while names and httpd come up.</summary>
    private Task<CommandResult> Fetch(string network, string host) =>
        daemon.Docker("run", "--rm", "--network", network, "busybox", "sh", "-c",
            $"for i in 1 2 3 4 5 6 7 8 9 10; do timeout 2 wget -q -O- http://{host}/ && exit 0; sleep 0.2; done; exit 1");

    [RequiresRootFact]
    public async Task Connect_adds_an_interface_to_a_running_container_and_disconnect_takes_it_away()
    {
        await Run("network", "create", "--subnet", "10.92.1.0/24", "nc-a");
        await Run("network", "create", "--subnet", "10.92.2.0/24", "nc-b");
        string id = "";
        try
        {
            id = await Run("run", "-d", "--name", "nc-web", "--network", "nc-a", "busybox", "sh", "-c", Web);
            Assert.NotEqual(0, (await Fetch("nc-b", "nc-web")).ExitCode);

            await Run("network", "connect", "--alias", "nc-www", "--ip", "10.92.2.77", "nc-b", "nc-web");
            Assert.Equal("10.92.2.77/24", await Run("exec", "nc-web", "sh", "-c", "ip -4 -o addr show eth1 | awk '{print $4}'"));
            Assert.Contains("10.92.2.77\t", await Run("exec", "nc-web", "cat", "/etc/hosts"));
            var fetched = await Fetch("nc-b", "nc-www");
            Assert.True(fetched.ExitCode == 0, fetched.ToString());
            Assert.Equal("hello", fetched.Stdout.Trim());
            Assert.Equal("10.92.1.2 10.92.2.77", await Run("inspect", "-f",
                "{{(index .NetworkSettings.Networks \"nc-a\").IPAddress}} {{(index .NetworkSettings.Networks \"nc-b\").IPAddress}}", id));
            Assert.Equal("nc-web", await Run("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "nc-b"));

            var twice = await daemon.Docker("network", "connect", "nc-b", "nc-web");
            Assert.Equal(1, twice.ExitCode);
            Assert.Contains("endpoint with name nc-web already exists in network nc-b", twice.Stderr);
            var taken = await daemon.Docker("run", "--rm", "--network", "nc-b", "--ip", "10.92.2.77", "busybox", "true");
            Assert.Equal(125, taken.ExitCode);
            Assert.Contains("Address already in use", taken.Stderr);

            await Run("network", "disconnect", "nc-b", "nc-web");
            Assert.NotEqual(0, (await daemon.Docker("exec", "nc-web", "ip", "link", "show", "eth1")).ExitCode);
            Assert.DoesNotContain("10.92.2.77", await Run("exec", "nc-web", "cat", "/etc/hosts"));
            Assert.NotEqual(0, (await Fetch("nc-b", "nc-www")).ExitCode);
            var notOn = await daemon.Docker("network", "disconnect", "nc-b", "nc-web");
            Assert.Equal(1, notOn.ExitCode);
            Assert.Contains($"container {id} is not connected to network nc-b", notOn.Stderr);
            // The remaining network still works.
            Assert.Equal("hello", (await Fetch("nc-a", "nc-web")).Stdout.Trim());
        }
        finally
        {
            if (id.Length > 0)
                await daemon.Docker("rm", "-f", id);
            await daemon.Docker("network", "rm", "nc-a", "nc-b");
        }
    }

    [RequiresRootFact]
    public async Task A_stopped_container_joins_connected_networks_at_its_next_start()
    {
        await Run("network", "create", "--subnet", "10.92.3.0/24", "nc-c");
        string id = "";
        try
        {
            id = await Run("create", "--name", "nc-later", "busybox", "sh", "-c", "ip -4 -o addr | awk '{print $2, $4}'; cat /etc/resolv.conf");
            await Run("network", "connect", "nc-c", "nc-later");
            Assert.Equal("bridge nc-c", await Run("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", id));
            await Run("start", "-a", "nc-later");
            string output = await Run("logs", "nc-later");
            Assert.Contains("eth0 10.199.", output);
            Assert.Contains("eth1 10.92.3.", output);
            Assert.Contains("nameserver 10.92.3.1", output); // Berth's resolver of the user-defined network
            await Run("network", "disconnect", "nc-c", "nc-later");
            Assert.Equal("bridge", await Run("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", id));
        }
        finally
        {
            if (id.Length > 0)
                await daemon.Docker("rm", "-f", id);
            await daemon.Docker("network", "rm", "nc-c");
        }
    }

    [RequiresRootFact]
    public async Task Connect_with_a_link_gives_the_alias_to_the_connected_container_only()
    {
        await Run("network", "create", "--subnet", "10.92.11.0/24", "nc-lnk-a");
        await Run("network", "create", "--subnet", "10.92.12.0/24", "nc-lnk-b");
        try
        {
            await Run("run", "-d", "--name", "nc-lnk-db", "--network", "nc-lnk-a", "busybox", "sleep", "300");
            await Run("run", "-d", "--name", "nc-lnk-other", "--network", "nc-lnk-a", "busybox", "sleep", "300");
            await Run("run", "-d", "--name", "nc-lnk-app", "--network", "nc-lnk-b", "busybox", "sleep", "300");
            await Run("network", "connect", "--link", "nc-lnk-db:store", "nc-lnk-a", "nc-lnk-app");
            Assert.Equal("[\"nc-lnk-db:store\"]", await Run("inspect", "-f", "{{json (index .NetworkSettings.Networks \"nc-lnk-a\").Links}}", "nc-lnk-app"));
            var found = await daemon.Docker("exec", "nc-lnk-app", "nslookup", "store");
            Assert.True(found.ExitCode == 0, found.ToString());
            Assert.Contains("Address: 10.92.11.2", found.Stdout);
            Assert.NotEqual(0, (await daemon.Docker("exec", "nc-lnk-other", "nslookup", "store")).ExitCode);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "nc-lnk-db", "nc-lnk-other", "nc-lnk-app");
            await daemon.Docker("network", "rm", "nc-lnk-a", "nc-lnk-b");
        }
    }

    [RequiresRootFact]
    public async Task Taken_off_the_network_it_started_on_a_container_restarts_on_those_it_is_still_on()
    {
        await Run("network", "create", "--subnet", "10.92.5.0/24", "nc-e");
        string id = "";
        try
        {
            id = await Run("run", "-d", "busybox", "sleep", "300");
            await Run("network", "connect", "nc-e", id);
            await Run("network", "disconnect", "bridge", id);
            Assert.Equal("eth1 10.92.5.", (await Run("exec", id, "sh", "-c", "ip -4 -o addr | awk '$2 != \"lo\" {print $2, $4}'"))[..13]);
            await Run("restart", "-t", "0", id);
            Assert.Equal("nc-e", await Run("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}", id));
            Assert.StartsWith("eth0 10.92.5.", await Run("exec", id, "sh", "-c", "ip -4 -o addr | awk '$2 != \"lo\" {print $2, $4}'"));
        }
        finally
        {
            if (id.Length > 0)
                await daemon.Docker("rm", "-f", id);
            await daemon.Docker("network", "rm", "nc-e");
        }
    }

    [RequiresRootFact]
    public async Task Fixed_addresses_and_macs_are_honoured_and_checked_as_docker_checks_them()
    {
        await Run("network", "create", "--subnet", "10.92.4.0/24", "nc-d");
        try
        {
            Assert.Equal("10.92.4.50/24 02:42:aa:bb:cc:dd", await Run("run", "--rm", "--network", "nc-d", "--ip", "10.92.4.50",
                "--mac-address", "02:42:aa:bb:cc:dd", "busybox", "sh", "-c",
                "echo $(ip -4 -o addr show eth0 | awk '{print $4}') $(cat /sys/class/net/eth0/address)"));
            Assert.Equal("02:42:aa:bb:cc:ee", await Run("run", "--rm", "--mac-address", "02:42:aa:bb:cc:ee", "busybox", "cat", "/sys/class/net/eth0/address"));

            var outside = await daemon.Docker("run", "--rm", "--network", "nc-d", "--ip", "10.66.0.5", "busybox", "true");
            Assert.Equal(125, outside.ExitCode);
            Assert.Contains("Invalid address 10.66.0.5: It does not belong to any of this network's subnets", outside.Stderr);
            var onDefault = await daemon.Docker("run", "--rm", "--ip", "10.199.0.9", "busybox", "true");
            Assert.Equal(125, onDefault.ExitCode);
            Assert.Contains("user specified IP address is supported on user defined networks only", onDefault.Stderr);
            var host = await daemon.Docker("run", "-d", "--name", "nc-hostnet", "--network", "host", "busybox", "sleep", "30");
            Assert.Equal(0, host.ExitCode);
            var refused = await daemon.Docker("network", "connect", "nc-d", "nc-hostnet");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("container sharing network namespace with another container or host cannot be connected to any other network", refused.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "nc-hostnet");
            await daemon.Docker("network", "rm", "nc-d");
        }
        Assert.DoesNotContain("nc-d", await Run("network", "ls", "--format", "{{.Name}}"));
    }
}
