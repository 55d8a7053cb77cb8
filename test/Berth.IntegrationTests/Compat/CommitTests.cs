using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker commit</c> against berthd, with the real docker CLI and with berth.</summary>
[Collection(DaemonCollection.Name)]
public sealed class CommitTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Commit_makes_an_image_of_the_containers_changes_with_message_author_and_changes()
    {
        var run = await daemon.Docker("run", "--name", "commit-src", "--network", "none", "busybox", "sh", "-c",
            "echo hi > /hello && rm /bin/vi && mkdir /opq && touch /opq/x");
        Assert.Equal(0, run.ExitCode);
        try
        {
            var commit = await daemon.Docker("commit", "-m", "my message", "-a", "Ann <ann@example.com>", "-c", "CMD [\"cat\", \"/hello\"]",
                "-c", "ENV COMMITTED=yes", "commit-src", "committed/img:v1");
            Assert.True(commit.ExitCode == 0, commit.ToString());
            Assert.Matches("^sha256:[0-9a-f]{64}\n$", commit.Stdout);

            var cat = await daemon.Docker("run", "--rm", "--network", "none", "committed/img:v1");
            Assert.Equal("hi\n", cat.Stdout);
            var gone = await daemon.Docker("run", "--rm", "--network", "none", "committed/img:v1", "sh", "-c", "test -e /bin/vi || echo $COMMITTED");
            Assert.Equal("yes\n", gone.Stdout);

            var inspect = await daemon.Docker("image", "inspect", "-f", "{{.Author}}|{{.Comment}}|{{len .RootFS.Layers}}", "committed/img:v1");
            Assert.Equal("Ann <ann@example.com>|my message|2\n", inspect.Stdout);
            var history = await daemon.Docker("history", "--format", "{{.Size}}|{{.Comment}}", "committed/img:v1");
            var newest = history.Stdout.Split('\n')[0].Split('|');
            Assert.Equal("my message", newest[1]);
            Assert.DoesNotContain("MB", newest[0]); // the new layer's own size, not the image's
        }
        finally
        {
            await daemon.Docker("rm", "-f", "commit-src");
            await daemon.Docker("rmi", "committed/img:v1");
        }
    }

    [RequiresRootFact]
    public async Task Commit_of_a_running_container_pauses_it_meanwhile_and_berth_prints_the_id()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sh", "-c", "echo live > /state; sleep 600")).Stdout.Trim();
        try
        {
            await Task.Delay(300);
            var commit = await daemon.Berth("commit", id, "committed/live");
            Assert.True(commit.ExitCode == 0, commit.ToString());
            Assert.StartsWith("sha256:", commit.Stdout);
            Assert.Equal("running\n", (await daemon.Docker("inspect", "-f", "{{.State.Status}}", id)).Stdout);
            await Task.Delay(1100); // --until 0s is "now" in whole seconds: let this second pass
            var events = await daemon.Docker("events", "--since", "1m", "--until", "0s", "--filter", "container=" + id, "--format", "{{.Action}}");
            Assert.Contains("pause\ncommit\nunpause\n", events.Stdout);
            Assert.Equal("live\n", (await daemon.Docker("run", "--rm", "--network", "none", "committed/live", "cat", "/state")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
            await daemon.Docker("rmi", "committed/live");
        }
        var missing = await daemon.Docker("commit", "no-such-container");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No such container: no-such-container", missing.Stderr);
    }
}
