using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>berth cp</c> end to end: both ways, renaming, tar streams, a missing path.</summary>
[Collection(DaemonCollection.Name)]
public sealed class BerthCliCopyTests(DaemonFixture daemon)
{
    private string Host(string name) => Path.Combine(daemon.Dir, name);

    [RequiresRootFact]
    public async Task Berth_cp_copies_files_and_directories_both_ways()
    {
        string id = (await daemon.Docker("create", "--network", "none", "busybox", "true")).Stdout.Trim();
        string src = Host("bcp-src"), back = Host("bcp-back"), renamed = Host("bcp-renamed");
        try
        {
            Directory.CreateDirectory(Path.Combine(src, "sub"));
            File.WriteAllText(Path.Combine(src, "sub/f"), "deep\n");
            File.WriteAllText(Path.Combine(src, "top"), "top\n");
            var into = await daemon.Berth("cp", src, id + ":/tmp");
            Assert.True(into.ExitCode == 0, into.ToString());
            var rename = await daemon.Berth("cp", Path.Combine(src, "top"), id + ":/named");
            Assert.True(rename.ExitCode == 0, rename.ToString());

            Directory.CreateDirectory(back);
            var outDir = await daemon.Berth("cp", id + ":/tmp/bcp-src", back);
            Assert.True(outDir.ExitCode == 0, outDir.ToString());
            Assert.Equal("deep\n", File.ReadAllText(Path.Combine(back, "bcp-src/sub/f")));
            Assert.Equal(0, (await daemon.Berth("cp", id + ":/named", renamed)).ExitCode);
            Assert.Equal("top\n", File.ReadAllText(renamed));

            var tar = await daemon.Berth("cp", id + ":/named", "-");
            Assert.Contains("top\n", tar.Stdout);
            var missing = await daemon.Berth("cp", id + ":/nope", Host("bcp-nope"));
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains($"Could not find the file /nope in container {id}", missing.Stderr);
        }
        finally
        {
            foreach (string dir in new[] { src, back })
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            File.Delete(renamed);
            await daemon.Docker("rm", "-f", id);
        }
    }
}
