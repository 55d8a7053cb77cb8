using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>--pid, --ipc, --uts, --network host and container:, and --group-add.</summary>
[Collection(DaemonCollection.Name)]
public sealed class NamespaceTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Containers_can_share_another_containers_namespaces()
    {
        string id = (await daemon.Docker("run", "-d", "busybox", "sleep", "4242")).Stdout.Trim();
        try
        {
            var r = await daemon.Docker("run", "--rm", "--pid", "container:" + id, "--ipc", "container:" + id, "--network", "container:" + id,
                "busybox", "sh", "-c", "ps -o args | grep -q '^sleep 4242' && echo seen");
            Assert.Equal("seen\n", r.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Host_pid_and_uts_namespaces()
    {
        var pid = await daemon.Docker("run", "--rm", "--pid", "host", "busybox", "sh", "-c", "test -d /proc/1 && cat /proc/1/comm");
        Assert.NotEqual("sh\n", pid.Stdout);
        var uts = await daemon.Docker("run", "--rm", "--uts", "host", "busybox", "hostname");
        Assert.Equal(System.Net.Dns.GetHostName() + "\n", uts.Stdout);
    }

    [RequiresRootFact]
    public async Task Group_add_by_number_and_name()
    {
        var r = await daemon.Docker("run", "--rm", "--group-add", "50", "--group-add", "wheel", "busybox", "id", "-G");
        Assert.Equal("0 10 50\n", r.Stdout); // the kernel keeps supplementary groups sorted
    }
}
