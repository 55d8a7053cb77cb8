using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker diff</c> against berthd: C/A/D lines as real Docker prints them (in Berth's stable order).</summary>
[Collection(DaemonCollection.Name)]
public sealed class DiffTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Diff_shows_modified_added_and_deleted_paths_of_a_stopped_container()
    {
        var run = await daemon.Docker("run", "--name", "diff-src", "--network", "none", "busybox", "sh", "-c",
            "echo x >> /etc/passwd; rm /bin/vi; mkdir -p /new/sub; touch /new/sub/f; rm -rf /home; mkdir /home; touch /home/h");
        Assert.True(run.ExitCode == 0, run.ToString());
        try
        {
            var diff = await daemon.Docker("diff", "diff-src");
            Assert.True(diff.ExitCode == 0, diff.ToString());
            Assert.Equal("C /bin\nD /bin/vi\nC /etc\nC /etc/passwd\nC /home\nA /home/h\nA /new\nA /new/sub\nA /new/sub/f\n", diff.Stdout);
            Assert.Equal(diff.Stdout, (await daemon.Berth("diff", "diff-src")).Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "diff-src");
        }
    }

    [RequiresRootFact]
    public async Task Diff_of_a_running_container_and_of_a_missing_one()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sh", "-c", "touch /made; sleep 600")).Stdout.Trim();
        try
        {
            await Task.Delay(300);
            Assert.Contains("A /made\n", (await daemon.Docker("diff", id)).Stdout);
            var missing = await daemon.Docker("diff", "no-such-diff");
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("No such container: no-such-diff", missing.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", id);
        }
    }
}
