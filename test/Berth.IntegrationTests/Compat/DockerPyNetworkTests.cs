using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>IPv6 and IPAM settings of networks through docker-py (Debian's python3-docker), as a user's script drives them.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DockerPyNetworkTests(DaemonFixture daemon)
{
    private const string Script = """
        import docker, sys
        c = docker.DockerClient(base_url=sys.argv[1])
        ipam = docker.types.IPAMConfig(pool_configs=[
            docker.types.IPAMPool(subnet="10.94.5.0/24", iprange="10.94.5.64/26", aux_addresses={"router": "10.94.5.65"}),
            docker.types.IPAMPool(subnet="fd00:b7:5::/64", gateway="fd00:b7:5::1")])
        n = c.networks.create("pyt net6", driver="bridge", ipam=ipam, enable_ipv6=True)
        n.reload()
        print(n.name, n.attrs["EnableIPv6"], n.attrs["IPAM"]["Config"])
        ctr = c.containers.run("busybox", "sleep 300", name="pyt-v6", network="pyt net6", detach=True)
        ctr.reload()
        ep = ctr.attrs["NetworkSettings"]["Networks"]["pyt net6"]
        print(ep["IPAddress"], ep["GlobalIPv6Address"], ep["GlobalIPv6PrefixLen"], ep["IPv6Gateway"])
        peer = c.containers.create("busybox", "sleep 300", name="pyt-peer")
        n.connect(peer, ipv6_address="fd00:b7:5::77", aliases=["pyt-alias"])
        peer.start()
        peer.reload()
        print(peer.attrs["NetworkSettings"]["Networks"]["pyt net6"]["GlobalIPv6Address"])
        code, out = ctr.exec_run("ping6 -c 1 -W 5 pyt-alias")
        print(code, b"1 packets received" in out)
        for x in (ctr, peer):
            x.remove(force=True)
        n.remove()
        print([x.name for x in c.networks.list(names=["pyt net6"])])
        """;

    [RequiresRootFact]
    public async Task Create_an_ipv6_network_with_a_range_and_aux_address_and_use_it()
    {
        try
        {
            var r = await ProcessRunner.RunAsync("python3", ["-c", Script, daemon.Host]);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal("""
                pyt net6 True [{'Subnet': '10.94.5.0/24', 'IPRange': '10.94.5.64/26', 'AuxiliaryAddresses': {'router': '10.94.5.65'}}, {'Subnet': 'fd00:b7:5::/64', 'Gateway': 'fd00:b7:5::1'}]
                10.94.5.66 fd00:b7:5::2 64 fd00:b7:5::1
                fd00:b7:5::77
                0 True
                []

                """.Replace("\r", ""), r.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "pyt-v6", "pyt-peer");
            await daemon.Docker("network", "rm", "pyt net6");
        }
    }

    [RequiresRootFact]
    public async Task Ipam_options_are_none_when_none_were_given()
    {
        // docker-py's test_create_network_with_ipam_config checks for that None, as dockerd answers.
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1])
            ipam = docker.types.IPAMConfig(pool_configs=[docker.types.IPAMPool(subnet="10.94.6.0/24", gateway="10.94.6.1")])
            n = c.create_network("pyt-ipam-none", ipam=ipam)
            try:
                print(c.inspect_network(n["Id"])["IPAM"])
                print(c.inspect_network("bridge")["IPAM"]["Options"])
            finally:
                c.remove_network(n["Id"])
            """;
        var r = await ProcessRunner.RunAsync("python3", ["-c", script, daemon.Host]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("""
            {'Driver': 'default', 'Options': None, 'Config': [{'Subnet': '10.94.6.0/24', 'Gateway': '10.94.6.1'}]}
            None

            """.Replace("\r", ""), r.Stdout);
    }

    [RequiresRootFact]
    public async Task An_endpoint_link_resolves_for_its_container_only_even_to_a_later_container()
    {
        // docker-py's test_create_with_links and test_connect_with_links: the links come in the
        // endpoint's settings, the container they name is made after them.
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1])
            def lookup(ctr, name):
                ex = c.exec_create(ctr, ["nslookup", name])
                c.exec_start(ex)
                return c.exec_inspect(ex)["ExitCode"]
            def run(name, net, **endpoint):
                ctr = c.create_container("busybox", "sleep 300", name=name, host_config=c.create_host_config(network_mode=net),
                    networking_config=c.create_networking_config({net: c.create_endpoint_config(**endpoint)}) if endpoint else None)
                c.start(ctr)
                return ctr
            c.create_network("pyl-net")
            c.create_network("pyl-other-net")
            try:
                client = run("pyl-client", "pyl-net", links=[("pyl-upstream", "bar")])
                print(c.inspect_container(client)["NetworkSettings"]["Networks"]["pyl-net"]["Links"])
                run("pyl-upstream", "pyl-net")
                bystander = run("pyl-bystander", "pyl-net")
                print(lookup(client, "bar"), lookup(bystander, "bar"), lookup(bystander, "pyl-upstream"))
                joiner = run("pyl-joiner", "pyl-other-net")
                c.connect_container_to_network(joiner, "pyl-net", links=[("pyl-upstream", "baz")])
                print(c.inspect_container(joiner)["NetworkSettings"]["Networks"]["pyl-net"]["Links"], lookup(joiner, "baz"), lookup(client, "baz"))
            finally:
                for n in ("pyl-client", "pyl-upstream", "pyl-bystander", "pyl-joiner"):
                    try:
                        c.remove_container(n, force=True)
                    except docker.errors.NotFound:
                        pass
                c.remove_network("pyl-net")
                c.remove_network("pyl-other-net")
            """;
        Assert.Equal("""
            ['pyl-upstream:bar']
            0 1 0
            ['pyl-upstream:baz'] 0 1

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }

    [RequiresRootFact]
    public async Task A_taken_name_and_a_mode_without_room_for_a_network_are_refused_as_docker_refuses_them()
    {
        // dockerd 20.10 took a second network of a name unless CheckDuplicate was sent; moby
        // refuses it for every API version since it speaks 1.44 ("unversioned"), as Berth does.
        const string script = """
            import docker, sys
            c = docker.APIClient(base_url=sys.argv[1], version="1.41")
            def refused(call, *args, **kwargs):
                try:
                    call(*args, **kwargs)
                    print("accepted")
                except docker.errors.APIError as e:
                    print(e.status_code, e.explanation)
            def run(name, mode):
                ctr = c.create_container("busybox", "sleep 300", name=name, host_config=c.create_host_config(network_mode=mode))
                c.start(ctr)
                return ctr
            c.create_network("pyd-net")
            try:
                refused(c.create_network, "pyd-net", check_duplicate=False)
                print([n["Name"] for n in c.networks(names=["pyd-net"])])
                refused(c.connect_container_to_network, run("pyd-none", "none"), "pyd-net")
                refused(c.connect_container_to_network, run("pyd-host", "host"), "pyd-net")
                refused(c.connect_container_to_network, run("pyd-bridge", "bridge"), "host")
            finally:
                for n in ("pyd-none", "pyd-host", "pyd-bridge"):
                    try:
                        c.remove_container(n, force=True)
                    except docker.errors.NotFound:
                        pass
                c.remove_network("pyd-net")
            """;
        Assert.Equal("""
            409 network with name pyd-net already exists
            ['pyd-net']
            400 container cannot be connected to multiple networks with one of the networks in private (none) mode
            400 container sharing network namespace with another container or host cannot be connected to any other network
            400 container cannot be disconnected from host network or connected to host network

            """.Replace("\r", ""), await DockerPy.RunAsync(script, daemon.Host));
    }
}
