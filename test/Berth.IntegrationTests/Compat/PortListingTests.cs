using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// How published ports are listed, as dockerd 20.10 lists them: a port published on every
/// address twice (0.0.0.0 and ::), one on an explicit address once.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class PortListingTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task A_port_on_every_address_is_listed_for_both_families_an_explicit_one_alone()
    {
        var run = await daemon.Docker("run", "-d", "--name", "portlist-both", "-p", "18480:80", "-p", "0.0.0.0:18481:81",
            "-p", "127.0.0.1:18482:82", "-p", "18483:83/udp", "--expose", "90", "busybox", "sleep", "300");
        Assert.True(run.ExitCode == 0, run.ToString());
        string id = run.Stdout.Trim();
        try
        {
            Assert.Equal(
                """
                {"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"18480"},{"HostIp":"::","HostPort":"18480"}],"81/tcp":[{"HostIp":"0.0.0.0","HostPort":"18481"}],"82/tcp":[{"HostIp":"127.0.0.1","HostPort":"18482"}],"83/udp":[{"HostIp":"0.0.0.0","HostPort":"18483"},{"HostIp":"::","HostPort":"18483"}],"90/tcp":null}
                """,
                (await daemon.Docker("inspect", "-f", "{{json .NetworkSettings.Ports}}", id)).Stdout.Trim());
            const string listed = "90/tcp, 0.0.0.0:18480->80/tcp, [::]:18480->80/tcp, 0.0.0.0:18481->81/tcp, "
                + "127.0.0.1:18482->82/tcp, 0.0.0.0:18483->83/udp, [::]:18483->83/udp\n";
            Assert.Equal(listed, (await daemon.Docker("ps", "--filter", "id=" + id, "--format", "{{.Ports}}")).Stdout);
            Assert.Equal(listed, (await daemon.Berth("ps", "--filter", "id=" + id, "--format", "{{.Ports}}")).Stdout);
            Assert.Equal("0.0.0.0:18480\n[::]:18480\n", (await daemon.Docker("port", id, "80")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Publish_all_lists_each_random_port_for_both_families()
    {
        var run = await daemon.Docker("run", "-d", "--name", "portlist-all", "-P", "--expose", "85", "busybox", "sleep", "300");
        Assert.True(run.ExitCode == 0, run.ToString());
        string id = run.Stdout.Trim();
        try
        {
            var lines = (await daemon.Docker("port", id)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Matches(@"^85/tcp -> 0\.0\.0\.0:\d+$", lines[0]);
            Assert.Equal(lines[0].Replace("0.0.0.0", "[::]"), lines[1]);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }
}
