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
        Assert.Equal("container create berth\ncontainer attach berth\ncontainer start berth\ncontainer die berth\ncontainer destroy berth\n", r.Stdout);
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
        // As dockerd: the untag event names the image by its ID, not by the tag removed.
        string id = await daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", "busybox");
        Assert.Contains($"tag busybox:live\nuntag {id}\n", r.Stdout);
    }

    [RequiresRootFact]
    public async Task Network_events_name_the_network_and_the_container()
    {
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        string net = (await daemon.Docker("network", "create", "ev-net")).Stdout.Trim();
        string id = (await daemon.Docker("run", "-d", "--network", "ev-net", "busybox", "sleep", "30")).Stdout.Trim();
        await daemon.Docker("rm", "-f", id);
        await daemon.Docker("network", "rm", "ev-net");
        long until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        var r = await daemon.Docker("events", "--since", since.ToString(), "--until", until.ToString(),
            "--filter", "network=ev-net", "--format", "{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.container}}");
        Assert.Equal($"network create {net} <no value>\nnetwork connect {net} {id}\nnetwork disconnect {net} {id}\nnetwork destroy {net} <no value>\n", r.Stdout);
    }

    [RequiresRootFact]
    public async Task A_health_probe_has_an_execs_events()
    {
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        await daemon.DockerOk("run", "-d", "--name", "evh-probed", "--health-cmd", "true", "--health-interval", "1s", "busybox", "sleep", "300");
        try
        {
            for (int i = 0; i < 100 && await daemon.DockerOk("inspect", "-f", "{{.State.Health.Status}}", "evh-probed") != "healthy"; i++)
                await Task.Delay(100);
            long until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
            var r = await daemon.DockerOk("events", "--since", since.ToString(), "--until", until.ToString(),
                "--filter", "container=evh-probed", "--filter", "event=exec_create", "--filter", "event=exec_start", "--filter", "event=exec_die", "--format", "{{.Action}}");
            Assert.StartsWith("exec_create: /bin/sh -c true\nexec_start: /bin/sh -c true\nexec_die\n", r + "\n");
        }
        finally
        {
            await daemon.Docker("rm", "-f", "evh-probed");
        }
    }
}
