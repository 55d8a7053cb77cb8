using System.Text.RegularExpressions;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>docker system df [-v]</c>, <c>image prune</c> and <c>system prune</c> against berthd, in
/// docker's tables and summaries. Prunes are narrowed by a label only this class sets, so the
/// fixture's other objects stay.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DiskUsageTests(DaemonFixture daemon)
{
    private const string Label = "dut-owner=disk-usage-tests";

    [RequiresRootFact]
    public async Task System_df_counts_images_containers_volumes_and_build_cache_with_their_sizes()
    {
        string context = Directory.CreateTempSubdirectory("berth-dut-").FullName;
        string built = "dut-none";
        try
        {
            // A build leaves cache records: the Build Cache row counts them, the RUN step's 4kB among
            // them; untagged, nothing else holds its layer, so it is reclaimable.
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM busybox\nRUN head -c 4000 /dev/urandom > /dut-four\nENV DUT=1\n");
            built = (await daemon.DockerOk("build", "--network", "none", context)).Split("Successfully built ")[1][..12];
            // And a tagged one, whose records are shared with its image: berth's table must sum them as docker's does.
            File.WriteAllText(Path.Combine(context, "Dockerfile.tagged"), "FROM busybox\nRUN head -c 6000 /dev/urandom > /dut-six\n");
            await daemon.DockerOk("build", "--network", "none", "-f", Path.Combine(context, "Dockerfile.tagged"), "-t", "dut-tagged", context);
            await daemon.DockerOk("run", "--name", "dut-writer", "-v", "dut-vol:/v", "busybox", "sh", "-c", "head -c 3000 /dev/zero > /v/f; head -c 5000 /dev/zero > /w");
            var df = await daemon.DockerOk("system", "df");
            var row = Regex.Match(df, @"^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE\nImages\s+\d+\s+\d+\s+\S+\s+\S+ \(\d+%\)\nContainers\s+\d+\s+\d+\s+\S+\s+\S+ \(\d+%\)\nLocal Volumes\s+\d+\s+\d+\s+\S+\s+\S+ \(\d+%\)\nBuild Cache\s+(\d+)\s+0\s+(\S+)\s+(\S+)$");
            Assert.True(row.Success, df);
            Assert.True(int.Parse(row.Groups[1].Value) >= 2, df); // at least the RUN and ENV steps
            Assert.True(row.Groups[2].Value != "0B" && row.Groups[3].Value != "0B", df);
            var records = await daemon.DockerOk("system", "df", "--format", "{{json .}}");
            Assert.Contains("\"Type\":\"Build Cache\"", records);

            // berth's own table sums the same answer as docker's does.
            var berth = await daemon.Berth("system", "df");
            Assert.True(berth.ExitCode == 0, berth.ToString());
            Assert.Equal(df + "\n", berth.Stdout);
            Assert.Equal((await daemon.DockerOk("system", "df", "--format", "{{.Type}}={{.Reclaimable}}")) + "\n",
                (await daemon.Berth("system", "df", "--format", "{{.Type}}={{.Reclaimable}}")).Stdout);

            var verbose = await daemon.DockerOk("system", "df", "-v");
            Assert.Matches(new Regex(@"\ndut-vol\s+1\s+3kB\n"), verbose);
            Assert.Matches(new Regex(@"\n[0-9a-f]{12}\s+busybox\s+""sh -c .*""\s+1\s+5kB\s+.*dut-writer\n"), verbose);
            Assert.Matches(new Regex(@"\nbusybox\s+latest\s+[0-9a-f]{12}\s+.+\d+\s*\n"), verbose);
            Assert.Matches(new Regex(@"Build cache usage: [1-9][0-9.]*[kMG]?B\n\nCACHE ID\s+CACHE TYPE\s+SIZE\s+CREATED\s+LAST USED\s+USAGE\s+SHARED\n"), verbose);
            Assert.Matches(new Regex(@"\n[0-9a-f]{12}\s+regular\s+4kB\s+"), verbose);

            var size = await daemon.DockerOk("system", "df", "--format", "{{.Type}} {{.Size}}");
            Assert.Contains("Local Volumes ", size);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "dut-writer");
            await daemon.Docker("volume", "rm", "-f", "dut-vol");
            await daemon.Docker("rmi", "-f", built, "dut-tagged");
            await daemon.Docker("builder", "prune", "-f"); // the records whose images went with it
            Directory.Delete(context, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task Berth_system_df_verbose_prints_the_lines_docker_prints()
    {
        try
        {
            await daemon.DockerOk("run", "--name", "dut-vwriter", "-v", "dut-vvol:/v", "busybox", "sh", "-c", "head -c 4000 /dev/zero > /v/f; head -c 9000 /dev/zero > /w");
            await daemon.DockerOk("volume", "create", "dut-vidle");
            var docker = await daemon.DockerOk("system", "df", "-v");
            var berth = await daemon.Berth("system", "df", "-v");
            Assert.True(berth.ExitCode == 0, berth.ToString());
            Assert.Equal(WithoutTimes(docker), WithoutTimes(berth.Stdout.TrimEnd('\n')));
            Assert.Matches(new Regex(@"\ndut-vvol 1 4kB\n"), WithoutTimes(berth.Stdout));
            Assert.Matches(new Regex(@"\ndut-vidle 0 0B\n"), WithoutTimes(berth.Stdout));

            var names = await daemon.Berth("system", "df", "-v", "--format", "{{range .Volumes}}{{.Name}}={{.Size}} {{end}}");
            Assert.Equal(await daemon.DockerOk("system", "df", "-v", "--format", "{{range .Volumes}}{{.Name}}={{.Size}} {{end}}"), names.Stdout.TrimEnd());
        }
        finally
        {
            await daemon.Docker("rm", "-f", "dut-vwriter");
            await daemon.Docker("volume", "rm", "-f", "dut-vvol", "dut-vidle");
        }
    }

    /// <summary>The table without its relative times (which tick between the two runs) and with the padding they widen collapsed.</summary>
    private static string WithoutTimes(string table) =>
        Regex.Replace(Regex.Replace(table, @"(About an? \w+|Less than a second|\d+ \w+) ago", "T ago"), @"[ ]{2,}", " ");

    [RequiresRootFact]
    public async Task Image_prune_removes_dangling_images_and_with_all_unused_tagged_ones()
    {
        try
        {
            await daemon.DockerOk("run", "--name", "dut-src", "busybox", "sh", "-c", "head -c 7000 /dev/zero > /seven");
            await daemon.DockerOk("run", "--name", "dut-src2", "busybox", "sh", "-c", "head -c 8000 /dev/zero > /eight");
            string dangling = await daemon.DockerOk("commit", "--change", "LABEL " + Label, "dut-src");
            await daemon.DockerOk("commit", "--change", "LABEL " + Label, "dut-src2", "dut-tagged:1");
            await daemon.DockerOk("rm", "dut-src", "dut-src2");

            var prune = await daemon.DockerOk("image", "prune", "-f", "--filter", "label=" + Label);
            Assert.Matches(new Regex(@"^Deleted Images:\ndeleted: " + dangling + @"\n(deleted: sha256:[0-9a-f]{64}\n)*\nTotal reclaimed space: 7kB$"), prune);
            Assert.NotEqual(0, (await daemon.Docker("image", "inspect", dangling)).ExitCode);
            Assert.Equal(0, (await daemon.Docker("image", "inspect", "dut-tagged:1")).ExitCode);

            var all = await daemon.DockerOk("image", "prune", "-af", "--filter", "label=" + Label);
            Assert.StartsWith("Deleted Images:\nuntagged: dut-tagged:1\ndeleted: sha256:", all);
            Assert.EndsWith("Total reclaimed space: 8kB", all);
            Assert.Equal(0, (await daemon.Docker("image", "inspect", "busybox")).ExitCode);

            Assert.Equal("Total reclaimed space: 0B", await daemon.DockerOk("image", "prune", "-f", "--filter", "label=" + Label));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "dut-src", "dut-src2");
            await daemon.Docker("rmi", "-f", "dut-tagged:1");
        }
    }

    [RequiresRootFact]
    public async Task System_prune_removes_stopped_containers_and_unused_networks_in_docker_summary()
    {
        try
        {
            string stopped = await daemon.DockerOk("create", "--label", Label, "--name", "dut-stopped", "busybox", "true");
            await daemon.DockerOk("run", "-d", "--label", Label, "--name", "dut-running", "busybox", "sleep", "300");
            string net = await daemon.DockerOk("network", "create", "--label", Label, "dut-net");

            var prune = await daemon.DockerOk("system", "prune", "-f", "--filter", "label=" + Label);
            Assert.Equal($"Deleted Containers:\n{stopped}\n\nDeleted Networks:\ndut-net\n\nTotal reclaimed space: 0B", prune);
            Assert.Equal("running", await daemon.DockerOk("inspect", "-f", "{{.State.Status}}", "dut-running"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", "dut-stopped", "dut-running");
            await daemon.Docker("network", "rm", "dut-net");
        }
    }

    [RequiresRootFact]
    public async Task Berth_image_prune_and_system_prune_print_as_docker()
    {
        try
        {
            await daemon.DockerOk("run", "--name", "dut-bsrc", "busybox", "sh", "-c", "head -c 6000 /dev/zero > /six");
            string dangling = await daemon.DockerOk("commit", "--change", "LABEL " + Label, "dut-bsrc");
            await daemon.DockerOk("rm", "dut-bsrc");
            var image = await daemon.Berth("image", "prune", "-f", "--filter", "label=" + Label);
            Assert.True(image.ExitCode == 0, image.ToString());
            Assert.Matches(new Regex(@"^Deleted Images:\ndeleted: " + dangling + @"\n(deleted: sha256:[0-9a-f]{64}\n)*\nTotal reclaimed space: 6kB\n$"), image.Stdout);

            string stopped = await daemon.DockerOk("create", "--label", Label, "--name", "dut-bstopped", "busybox", "true");
            await daemon.DockerOk("network", "create", "--label", Label, "dut-bnet");
            var system = await daemon.Berth("system", "prune", "-f", "--filter", "label=" + Label);
            Assert.True(system.ExitCode == 0, system.ToString());
            Assert.Equal($"Deleted Containers:\n{stopped}\n\nDeleted Networks:\ndut-bnet\n\nTotal reclaimed space: 0B\n", system.Stdout);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "dut-bsrc", "dut-bstopped");
            await daemon.Docker("network", "rm", "dut-bnet");
        }
    }
}
