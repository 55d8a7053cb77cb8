using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker events</c>: the journal with --since/--until and filters, and live events.</summary>
[Collection(DaemonCollection.Name)]
public sealed class EventsTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Past_events_of_a_container_in_order()
    {
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        await daemon.Docker("run", "--rm", "--name", "evented", "--label", "team=berth", "busybox", "sh", "-c", "exit 2");
        long until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        var r = await daemon.Docker("events", "--since", since.ToString(), "--until", until.ToString(),
            "--filter", "container=evented", "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.team}}");
        Assert.Equal("container create berth\ncontainer start berth\ncontainer die berth\ncontainer destroy berth\n", r.Stdout);
        var die = await daemon.Docker("events", "--since", since.ToString(), "--until", until.ToString(),
            "--filter", "event=die", "--filter", "label=team=berth", "--format", "{{.Actor.Attributes.exitCode}}");
        Assert.Equal("2\n", die.Stdout);
    }

    [RequiresRootFact]
    public async Task Live_events_arrive_while_streaming()
    {
        var stream = ProcessRunner.RunAsync(Repo.DockerCli, ["events", "--filter", "type=image", "--format", "{{.Action}} {{.Actor.Attributes.name}}"],
            env: new Dictionary<string, string> { ["DOCKER_HOST"] = daemon.Host }, timeout: TimeSpan.FromSeconds(3));
        await Task.Delay(700);
        await daemon.Docker("tag", "busybox", "busybox:live");
        await daemon.Docker("rmi", "busybox:live");
        var r = await stream;
        Assert.Contains("tag busybox:live\nuntag busybox:live\n", r.Stdout);
    }
}
