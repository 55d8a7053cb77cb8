using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// What a container's /etc files and environment say about names: <c>--link</c>,
/// <c>--add-host</c> (with <c>host-gateway</c>), <c>--hostname</c>/<c>--domainname</c> and the
/// <c>--dns*</c> flags, as Docker writes them; and the seed README's netcat example.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class NetworkNamesTests(DaemonFixture daemon)
{
    private Task<string> Run(params string[] args) => daemon.DockerOk(args);

    [RequiresRootFact]
    public async Task Links_give_hosts_entries_and_variables_and_need_a_running_target()
    {
        string db = await Run("run", "-d", "--name", "nn-db", "-e", "SECRET=s1", "--expose", "6379", "busybox", "sh", "-c",
            "exec nc -ll -p 6379 -e echo PONG");
        try
        {
            string ip = await Run("inspect", "-f", "{{.NetworkSettings.IPAddress}}", db);
            string output = await Run("run", "--rm", "--name", "nn-client", "--link", "nn-db:redis", "busybox", "sh", "-c",
                "grep redis /etc/hosts; env | grep ^REDIS_ | sort; nc redis 6379 </dev/null");
            Assert.Equal(string.Join('\n',
                $"{ip}\tredis {db[..12]} nn-db",
                "REDIS_ENV_SECRET=s1",
                "REDIS_NAME=/nn-client/redis",
                $"REDIS_PORT=tcp://{ip}:6379",
                $"REDIS_PORT_6379_TCP=tcp://{ip}:6379",
                $"REDIS_PORT_6379_TCP_ADDR={ip}",
                "REDIS_PORT_6379_TCP_PORT=6379",
                "REDIS_PORT_6379_TCP_PROTO=tcp",
                "PONG"), output);

            string created = await Run("create", "--name", "nn-linker", "--link", "nn-db", "busybox", "true");
            Assert.Equal("[\"/nn-db:/nn-linker/nn-db\"]", await Run("inspect", "-f", "{{json .HostConfig.Links}}", created));
            await Run("stop", "-t", "0", "nn-db");
            var stopped = await daemon.Docker("start", "nn-linker");
            Assert.NotEqual(0, stopped.ExitCode);
            Assert.Contains("Cannot link to a non running container: /nn-db AS /nn-linker/nn-db", stopped.Stderr);

            var missing = await daemon.Docker("run", "--rm", "--link", "nn-nosuch:x", "busybox", "true");
            Assert.Equal(125, missing.ExitCode);
            Assert.Contains("could not get container for nn-nosuch: No such container: nn-nosuch", missing.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "nn-linker", db);
        }
    }

    [RequiresRootFact]
    public async Task On_a_user_defined_network_a_link_is_a_name_only_its_container_resolves()
    {
        await Run("network", "create", "--subnet", "10.92.9.0/24", "nn-net");
        try
        {
            await Run("run", "-d", "--name", "nn-web", "--network", "nn-net", "busybox", "sh", "-c",
                "mkdir /www && echo linked > /www/index.html && exec httpd -f -p 80 -h /www");
            Assert.Equal("linked", await Run("run", "--rm", "--network", "nn-net", "--link", "nn-web:nn-db", "busybox", "sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O- http://nn-db/ && exit 0; sleep 0.2; done; exit 1"));
            Assert.NotEqual(0, (await daemon.Docker("run", "--rm", "--network", "nn-net", "busybox", "nslookup", "nn-db")).ExitCode);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "nn-web");
            await daemon.Docker("network", "rm", "nn-net");
        }
    }

    [RequiresRootFact]
    public async Task Hosts_and_resolv_conf_follow_the_flags()
    {
        string hosts = await Run("run", "--rm", "--add-host", "gw:host-gateway", "--add-host", "db.local:10.1.2.3",
            "-h", "myh", "--domainname", "ex.com", "busybox", "sh", "-c", "tail -3 /etc/hosts; hostname");
        string[] lines = hosts.Split('\n');
        Assert.Equal("10.199.0.1\tgw", lines[0]); // the default bridge's gateway, as Docker's host-gateway
        Assert.Equal("10.1.2.3\tdb.local", lines[1]);
        Assert.Matches(@"^10\.199\.\d+\.\d+\tmyh\.ex\.com myh$", lines[2]);
        Assert.Equal("myh", lines[3]);

        string resolv = await Run("run", "--rm", "--dns", "192.0.2.53", "--dns-search", "corp.example", "--dns-option", "ndots:2",
            "busybox", "cat", "/etc/resolv.conf");
        Assert.Equal(["nameserver 192.0.2.53", "search corp.example", "options ndots:2"],
            resolv.Split('\n').Where(l => l.StartsWith("nameserver") || l.StartsWith("search") || l.StartsWith("options")));
    }

    [RequiresRootFact]
    public async Task The_seed_readmes_netcat_service_is_reached_through_docker_port()
    {
        // JOB=$(docker run -d -p 4444 base /bin/nc -l -p 4444); PORT=$(docker port $JOB 4444)
        // -i: busybox's nc ends when its stdin does, and a detached container's stdin is at EOF
        // from the start, so without it nc may close the connection before the data is read
        // (the seed's netcat waits for the network); an open stdin leaves the network to end it.
        string job = await Run("run", "-d", "-i", "-p", "4444", "busybox", "nc", "-l", "-p", "4444");
        try
        {
            string port = await Run("port", job, "4444");
            // One line per address family, as dockerd 20.10 lists a port published on every address.
            Assert.Matches(@"^0\.0\.0\.0:(\d+)\n\[::\]:\1$", port);
            string hostPort = port.Split('\n')[0].Split(':')[1];
            CommandResult sent = null!;
            for (int i = 0; i < 50; i++)
            {
                sent = await daemon.InHostNetwork("sh", "-c", $"echo hello world | busybox nc -w 1 {DaemonFixture.HostAddress} {hostPort}");
                if (sent.ExitCode == 0)
                    break;
                await Task.Delay(100);
            }
            Assert.True(sent.ExitCode == 0, sent.ToString());
            Assert.Equal("0", await Run("wait", job));
            Assert.Equal("hello world", await Run("logs", job));
        }
        finally
        {
            await daemon.Docker("rm", "-f", job);
        }
    }
}
