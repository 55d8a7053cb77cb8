using System.Globalization;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth events</c>, compared with what the docker CLI prints from the same journal.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliEventsTests(DaemonFixture daemon)
{
    private Task<CommandResult> Berth(params string[] args) => daemon.Berth(args);

    [RequiresRootFact]
    public async Task Past_events_print_as_docker_prints_them()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Berth("run", "--rm", "--name", "cli-events", "--label", "team=berth", "busybox", "sh", "-c", "exit 3");
        var until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sinceUnix = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        var lines = await AssertSame("events", "--since", sinceUnix, "--until", until, "--filter", "container=cli-events");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d) container create [0-9a-f]{64} \(image=busybox, name=cli-events, team=berth\)\n", lines);
        await AssertSame("system", "events", "--since", sinceUnix, "--until", until, "-f", "container=cli-events", "--format", "json");
        await AssertSame("events", "--since", sinceUnix, "--until", until, "-f", "container=cli-events", "-f", "event=die",
            "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.exitCode}} {{.Actor.Attributes.nope}} {{.Status}} {{.Scope}} {{json .Actor.Attributes}}");
        await AssertSame("events", "--since", since.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture), "--until", until,
            "--filter", "label=team=berth", "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        await AssertSame("events", "--since", "1m", "--until", until, "--filter", "type=container", "--filter", "container=cli-events", "--format", "{{.Action}}");
    }

    [RequiresRootFact]
    public async Task Errors_match_docker()
    {
        await AssertSame("events", "--since", "bad");
        // an unknown filter name is accepted and ignored, as dockerd; the container filter keeps the
        // answer empty, so the two clients' windows (a second apart) print the same
        await AssertSame("events", "--since", "1m", "--until", "1s", "--filter", "foo=bar", "--filter", "container=cli-events-none");
        await AssertSame("events", "--format", "{{.Bad}}");
        await AssertSame("events", "--format", "{{.Bad");
        await AssertSame("events", "--filter", "foo");
        await AssertSame("events", "extra");
    }

    [RequiresRootFact]
    public async Task Streaming_ends_when_until_passes_or_on_ctrl_c()
    {
        // --since reaches back to the tag, so events a slow start would miss are replayed.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var interrupted = daemon.BerthStreaming("events", "--since", since, "--filter", "type=image");
        await Berth("tag", "busybox", "busybox:cli-events");
        await Berth("rmi", "busybox:cli-events");
        var until = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bounded = await Berth("events", "--since", since, "--until", until, "--filter", "type=image", "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        Assert.True(bounded.ExitCode == 0, bounded.ToString());
        Assert.Matches("tag busybox:cli-events\nuntag sha256:[0-9a-f]{64}\n", bounded.Stdout); // untag names the image ID, as dockerd
        var i = await interrupted.InterruptAsync();
        Assert.True(i.ExitCode == 130, i.ToString());
        Assert.Matches(@" image tag sha256:[0-9a-f]{64} \(name=busybox:cli-events\)\n", i.Stdout);
    }

    private async Task<string> AssertSame(params string[] args)
    {
        var docker = await daemon.Docker(args);
        var berth = await Berth(args);
        Assert.True(docker.ExitCode == berth.ExitCode, $"{string.Join(' ', args)}: docker {docker} berth {berth}");
        Assert.Equal(docker.Stdout, berth.Stdout);
        Assert.Equal(docker.Stderr.Replace("docker", "berth"), berth.Stderr);
        return berth.Stdout;
    }
}
