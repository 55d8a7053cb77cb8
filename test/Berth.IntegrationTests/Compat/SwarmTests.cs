using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>The swarm API answered as an inactive Docker node (20.10, checked side by side) answers it.</summary>
[Collection(DaemonCollection.Name)]
public sealed class SwarmTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Swarm_endpoints_answer_503_as_an_inactive_docker_node_and_info_says_inactive()
    {
        using var http = daemon.CreateHttpClient();
        string[] gets = ["/swarm", "/v1.47/services", "/nodes", "/tasks", "/secrets", "/configs", "/services/x", "/nodes/x", "/swarm/unlockkey"];
        foreach (string path in gets)
        {
            var r = await http.GetAsync(path);
            Assert.True((int)r.StatusCode == 503, path + " " + r.StatusCode);
            Assert.Equal("This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        }
        var leave = await http.PostAsync("/swarm/leave?force=1", null);
        Assert.Equal(503, (int)leave.StatusCode);
        Assert.Equal("This node is not part of a swarm", JsonDocument.Parse(await leave.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        var remove = await http.DeleteAsync("/secrets/x");
        Assert.Equal(503, (int)remove.StatusCode);

        Assert.Equal("inactive", await daemon.DockerOk("info", "-f", "{{.Swarm.LocalNodeState}}"));
        var cli = await daemon.Docker("swarm", "leave");
        Assert.Contains("This node is not part of a swarm", cli.Stderr);
        var init = await daemon.Docker("swarm", "init");
        Assert.NotEqual(0, init.ExitCode);
        Assert.Contains("Berth does not support swarm mode", init.Stderr);
    }
}
