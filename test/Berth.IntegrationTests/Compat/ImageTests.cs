using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>images, import, save/load, tag, rmi, image inspect.</summary>
[Collection(DaemonCollection.Name)]
public sealed class ImageTests(DaemonFixture daemon)
{
    private static byte[] TinyRootfs()
    {
        using var buffer = new MemoryStream();
        using (var tar = new System.Formats.Tar.TarWriter(buffer, leaveOpen: true))
        {
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.Directory, "etc/"));
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "etc/motd")
            {
                DataStream = new MemoryStream("welcome\n"u8.ToArray()),
            });
        }
        return buffer.ToArray();
    }

    [RequiresRootFact]
    public async Task Images_lists_busybox_with_docker_columns()
    {
        var r = await daemon.Docker("images");
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^busybox\s+latest\s+[0-9a-f]{12}\s"));
    }

    [RequiresRootFact]
    public async Task Import_from_stdin_and_file_then_tag_inspect_and_rmi()
    {
        byte[] rootfs = TinyRootfs();
        var fromStdin = await daemon.DockerWith(rootfs, "import", "-", "tiny:stdin");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", fromStdin.Stdout);

        string file = Path.Combine(daemon.Dir, "tiny.tar");
        await File.WriteAllBytesAsync(file, rootfs);
        var fromFile = await daemon.Docker("import", "--change", "CMD [\"/bin/true\"]", file, "tiny:file");
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());

        Assert.Equal(0, (await daemon.Docker("tag", "tiny:file", "example.com/team/tiny:v1")).ExitCode);
        var inspect = await daemon.Docker("image", "inspect", "-f", "{{json .RepoTags}} {{json .Config.Cmd}} {{.Os}}", "tiny:file");
        Assert.Equal("[\"example.com/team/tiny:v1\",\"tiny:file\"] [\"/bin/true\"] linux\n", inspect.Stdout);

        var untag = await daemon.Docker("rmi", "example.com/team/tiny:v1");
        Assert.Equal("Untagged: example.com/team/tiny:v1\n", untag.Stdout);
        var rmi = await daemon.Docker("rmi", "tiny:file", "tiny:stdin");
        Assert.True(rmi.ExitCode == 0, rmi.ToString());
        Assert.Contains("Untagged: tiny:file", rmi.Stdout);
        Assert.Contains("Deleted: sha256:", rmi.Stdout);
        var missing = await daemon.Docker("image", "inspect", "tiny:file");
        Assert.Equal(1, missing.ExitCode);
    }

    [RequiresRootFact]
    public async Task Save_then_load_round_trips_an_image()
    {
        var before = await daemon.Docker("image", "inspect", "-f", "{{.Id}}", "busybox");
        string archive = Path.Combine(daemon.Dir, "busybox.tar");
        Assert.Equal(0, (await daemon.Docker("save", "-o", archive, "busybox")).ExitCode);
        Assert.True(new FileInfo(archive).Length > 500_000);

        Assert.Equal(0, (await daemon.Docker("tag", "busybox", "busybox:saved")).ExitCode);
        Assert.Equal(0, (await daemon.Docker("rmi", "busybox:saved")).ExitCode);
        var load = await daemon.Docker("load", "-i", archive);
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Contains("Loaded image: busybox:latest", load.Stdout);
        var after = await daemon.Docker("image", "inspect", "-f", "{{.Id}}", "busybox");
        Assert.Equal(before.Stdout, after.Stdout);
    }

    [RequiresRootFact]
    public async Task Rmi_of_an_image_in_use_is_refused()
    {
        await daemon.Docker("tag", "busybox", "busybox:inuse");
        string id = (await daemon.Docker("create", "busybox:inuse", "true")).Stdout.Trim();
        await daemon.Docker("rmi", "busybox:inuse"); // another tag remains: just untagged
        var rmi = await daemon.Docker("rmi", (await daemon.Docker("image", "inspect", "-f", "{{.Id}}", "busybox")).Stdout.Trim());
        Assert.Equal(1, rmi.ExitCode);
        Assert.Contains("conflict", rmi.Stderr);
        await daemon.Docker("rm", id);
    }

    [RequiresRootFact]
    public async Task A_hostile_tarball_is_refused_and_touches_nothing_outside()
    {
        using var buffer = new MemoryStream();
        using (var tar = new System.Formats.Tar.TarWriter(buffer, leaveOpen: true))
        {
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.SymbolicLink, "escape") { LinkName = daemon.Dir });
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "escape/pwned")
            {
                DataStream = new MemoryStream("x"u8.ToArray()),
            });
        }
        var r = await daemon.DockerWith(buffer.ToArray(), "import", "-", "hostile:1");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("symlink", r.Stderr);
        Assert.False(File.Exists(Path.Combine(daemon.Dir, "pwned")));
    }

    [RequiresRootFact]
    public async Task Tag_refuses_sha256_as_a_repository_name_and_checks_the_name_before_the_image()
    {
        string id = await daemon.DockerOk("image", "inspect", "-f", "{{.Id}}", "busybox");
        var r = await daemon.Docker("tag", "busybox", id); // sha256:<hex> would read as an image ID
        Assert.Equal((1, "Error response from daemon: refusing to create an ambiguous tag using digest algorithm as name\n"), (r.ExitCode, r.Stderr));
        Assert.DoesNotContain("sha256 ", await daemon.DockerOk("images", "--format", "{{.Repository}} {{.Tag}}"));
    }
}
