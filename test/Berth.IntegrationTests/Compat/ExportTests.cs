using System.Formats.Tar;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker export</c> against berthd: the whole filesystem of a stopped or running container, volumes left out.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ExportTests(DaemonFixture daemon)
{
    private static List<string> Names(string tarFile)
    {
        var names = new List<string>();
        using var stream = File.OpenRead(tarFile);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
            names.Add(entry.Name);
        return names;
    }

    [RequiresRootFact]
    public async Task Export_of_a_stopped_container_has_its_files_and_the_images_but_no_volume_content()
    {
        var run = await daemon.Docker("run", "--name", "export-src", "--network", "none", "-v", "/vol", "busybox", "sh", "-c",
            "echo hi > /hello; rm /bin/vi; echo secret > /vol/inside");
        Assert.True(run.ExitCode == 0, run.ToString());
        string file = Path.Combine(daemon.Dir, "export.tar");
        try
        {
            var export = await daemon.Docker("export", "-o", file, "export-src");
            Assert.True(export.ExitCode == 0, export.ToString());
            var names = Names(file);
            Assert.Contains("hello", names);
            Assert.Contains("bin/sh", names);
            Assert.Contains("vol/", names);
            Assert.DoesNotContain("bin/vi", names);
            Assert.DoesNotContain("vol/inside", names);
            Assert.Empty(Directory.GetDirectories(Path.Combine(daemon.ExecRoot, "views")));

            var berth = await daemon.Berth("export", "-o", file, "export-src");
            Assert.True(berth.ExitCode == 0, berth.ToString());
            Assert.Contains("hello", Names(file));
        }
        finally
        {
            File.Delete(file);
            await daemon.Docker("rm", "-f", "-v", "export-src");
        }
    }

    [RequiresRootFact]
    public async Task Export_of_a_running_container_and_of_a_missing_one()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sh", "-c", "echo live > /live; sleep 600")).Stdout.Trim();
        string file = Path.Combine(daemon.Dir, "export-running.tar");
        try
        {
            await Task.Delay(300);
            var export = await daemon.Docker("export", "-o", file, id);
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Contains("live", Names(file));
            var missing = await daemon.Docker("export", "-o", file, "no-such-export");
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("No such container: no-such-export", missing.Stderr);
        }
        finally
        {
            File.Delete(file);
            await daemon.Docker("rm", "-f", id);
        }
    }
}
