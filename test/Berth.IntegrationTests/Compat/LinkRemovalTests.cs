using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker rm --link</c>: a legacy link goes, both containers stay.</summary>
[Collection(DaemonCollection.Name)]
public sealed class LinkRemovalTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Rm_link_removes_the_link_from_the_parent_only()
    {
        try
        {
            await daemon.DockerOk("run", "-d", "--name", "lr-db", "busybox", "sleep", "300");
            await daemon.DockerOk("run", "-d", "--name", "lr-web", "--link", "lr-db:db", "busybox", "sleep", "300");
            Assert.Contains("\tdb", await daemon.DockerOk("exec", "lr-web", "cat", "/etc/hosts"));

            Assert.Equal("/lr-web/db", await daemon.DockerOk("rm", "--link", "/lr-web/db"));
            Assert.Equal("[]", await daemon.DockerOk("inspect", "-f", "{{.HostConfig.Links}}", "lr-web"));
            Assert.DoesNotContain("\tdb", await daemon.DockerOk("exec", "lr-web", "cat", "/etc/hosts"));
            Assert.Equal("running", await daemon.DockerOk("inspect", "-f", "{{.State.Status}}", "lr-db"));
            Assert.Equal("running", await daemon.DockerOk("inspect", "-f", "{{.State.Status}}", "lr-web"));

            var gone = await daemon.Docker("rm", "--link", "/lr-web/db");
            Assert.Equal(1, gone.ExitCode);
            Assert.Contains("No such container: /lr-web/db", gone.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "lr-web", "lr-db");
        }
    }
}
