using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>The swarm API answered as an inactive Docker node answers it.</summary>
[Collection(DaemonCollection.Name)]
public sealed class SwarmTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Swarm_endpoints_answer_503_not_part_of_a_swarm_and_info_says_inactive()
    {
        using var http = daemon.CreateHttpClient();
        string[] gets = ["/swarm", "/v1.47/services", "/nodes", "/tasks", "/secrets", "/configs", "/services/x", "/nodes/x", "/swarm/unlockkey"];
        foreach (string path in gets)
        {
            var r = await http.GetAsync(path);
            Assert.True((int)r.StatusCode == 503, path + " " + r.StatusCode);
            Assert.Equal("This node is not part of a swarm", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        }
        var leave = await http.PostAsync("/swarm/leave?force=1", null);
        Assert.Equal(503, (int)leave.StatusCode);
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
