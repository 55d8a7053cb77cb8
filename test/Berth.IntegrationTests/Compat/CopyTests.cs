using System.Formats.Tar;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// <c>docker cp</c> against berthd (the archive API): files and directories both ways, running
/// and stopped containers, Docker's error for a missing path, and symlinks that point out of the
/// container's root, which must resolve inside it.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class CopyTests(DaemonFixture daemon)
{
    private string Host(string name) => Path.Combine(daemon.Dir, name);

    [RequiresRootFact]
    public async Task Cp_a_file_and_a_directory_out_of_and_into_a_running_container()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "busybox", "sh", "-c",
            "mkdir -p /data/sub && echo one > /data/one && echo two > /data/sub/two; sleep 600")).Stdout.Trim();
        string outFile = Host("cp-one"), outDir = Host("cp-data"), inFile = Host("cp-in"), inDir = Host("cp-indir");
        try
        {
            await Task.Delay(300);
            Assert.Equal(0, (await daemon.Docker("cp", id + ":/data/one", outFile)).ExitCode);
            Assert.Equal("one\n", File.ReadAllText(outFile));
            var dir = await daemon.Docker("cp", id + ":/data", outDir);
            Assert.True(dir.ExitCode == 0, dir.ToString());
            Assert.Equal("two\n", File.ReadAllText(Path.Combine(outDir, "sub/two")));

            File.WriteAllText(inFile, "into\n");
            Directory.CreateDirectory(Path.Combine(inDir, "deep"));
            File.WriteAllText(Path.Combine(inDir, "deep/f"), "deepfile\n");
            var put = await daemon.Docker("cp", inFile, id + ":/data/in");
            Assert.True(put.ExitCode == 0, put.ToString());
            Assert.Equal(0, (await daemon.Docker("cp", inDir, id + ":/tmp/")).ExitCode);
            var cat = await daemon.Docker("exec", id, "cat", "/data/in", "/tmp/cp-indir/deep/f");
            Assert.Equal("into\ndeepfile\n", cat.Stdout);
        }
        finally
        {
            File.Delete(outFile);
            File.Delete(inFile);
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            if (Directory.Exists(inDir)) Directory.Delete(inDir, true);
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Cp_into_and_out_of_a_stopped_container_and_a_missing_path()
    {
        string id = (await daemon.Docker("create", "--network", "none", "busybox", "cat", "/copied")).Stdout.Trim();
        string inFile = Host("cp-stopped");
        try
        {
            File.WriteAllText(inFile, "while stopped\n");
            var put = await daemon.Docker("cp", inFile, id + ":/copied");
            Assert.True(put.ExitCode == 0, put.ToString());
            var tar = await daemon.Docker("cp", id + ":/copied", "-");
            Assert.Contains("while stopped", tar.Stdout);
            var missing = await daemon.Docker("cp", id + ":/nope", Host("nope"));
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains($"Error response from daemon: Could not find the file /nope in container {id}", missing.Stderr);
            var run = await daemon.Docker("start", "-a", id);
            Assert.Equal("while stopped\n", run.Stdout);
            Assert.Empty(Directory.GetDirectories(Path.Combine(daemon.ExecRoot, "views")));
        }
        finally
        {
            File.Delete(inFile);
            await daemon.Docker("rm", "-f", id);
        }
    }

    [RequiresRootFact]
    public async Task Cp_in_gives_files_to_root_or_with_a_to_the_containers_user_and_refuses_a_file_over_a_directory()
    {
        string id = (await daemon.Docker("create", "--network", "none", "--user", "nobody", "busybox", "true")).Stdout.Trim();
        string file = Host("cp-owned"), tar = Host("cp-owned.tar");
        try
        {
            File.WriteAllText(file, "owned\n");
            File.SetUnixFileMode(file, (UnixFileMode)0x1a4);
            await Shell("chown", "1234:1234", file);
            Assert.Equal(0, (await daemon.Docker("cp", file, id + ":/plain")).ExitCode);
            Assert.Equal(0, (await daemon.Docker("cp", "-a", file, id + ":/archived")).ExitCode);
            Assert.Equal(0, (await daemon.Docker("cp", file, id + ":/etc/.wh.x")).ExitCode); // a plain file here, not a whiteout
            await daemon.DockerOk("export", "-o", tar, id);
            var names = Entries(tar);
            Assert.Equal((0, 0), names["plain"]);
            Assert.Equal((65534, 65534), names["archived"]);
            Assert.Equal((0, 0), names["etc/.wh.x"]);
            Assert.Contains("etc/passwd", names.Keys);

            var over = await daemon.Docker("cp", file, id + ":/etc/");
            Assert.Equal(0, over.ExitCode);
            Directory.CreateDirectory(Host("cp-dir/plain"));
            var dirOverFile = await daemon.Docker("cp", Host("cp-dir") + "/.", id + ":/");
            Assert.Equal(1, dirOverFile.ExitCode);
            Assert.Contains("cannot overwrite non-directory", dirOverFile.Stderr);
        }
        finally
        {
            File.Delete(file);
            File.Delete(tar);
            if (Directory.Exists(Host("cp-dir"))) Directory.Delete(Host("cp-dir"), true);
            await daemon.Docker("rm", "-f", id);
        }
    }

    private static Task Shell(params string[] command) => ProcessRunner.RunAsync(command[0], command[1..]);

    private static Dictionary<string, (int, int)> Entries(string tarFile)
    {
        var result = new Dictionary<string, (int, int)>();
        using var stream = File.OpenRead(tarFile);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
            result[entry.Name] = (entry.Uid, entry.Gid);
        return result;
    }

    [RequiresRootFact]
    public async Task Cp_reaches_into_a_volume_of_a_running_container_and_refuses_a_read_only_one()
    {
        string id = (await daemon.Docker("run", "-d", "--network", "none", "-v", "/vol", "-v", Host("cp-ro") + ":/ro:ro", "busybox", "sh", "-c",
            "echo invol > /vol/f; sleep 600")).Stdout.Trim();
        string file = Host("cp-tovol");
        try
        {
            await Task.Delay(300);
            var read = await daemon.Docker("cp", id + ":/vol/f", "-");
            Assert.True(read.ExitCode == 0, read.ToString());
            Assert.Contains("invol", read.Stdout);
            File.WriteAllText(file, "written\n");
            var write = await daemon.Docker("cp", file, id + ":/vol/");
            Assert.True(write.ExitCode == 0, write.ToString());
            Assert.Equal("written\n", (await daemon.Docker("exec", id, "cat", "/vol/cp-tovol")).Stdout);
            var ro = await daemon.Docker("cp", file, id + ":/ro/");
            Assert.Equal(1, ro.ExitCode);
            Assert.Contains("mounted volume is marked read-only", ro.Stderr);
        }
        finally
        {
            File.Delete(file);
            await daemon.Docker("rm", "-f", "-v", id);
            if (Directory.Exists(Host("cp-ro"))) Directory.Delete(Host("cp-ro"), true);
        }
    }

    [RequiresRootFact]
    public Task An_absolute_symlink_to_slash_resolves_inside_the_container() => SymlinkStaysInside("/");

    [RequiresRootFact]
    public Task A_relative_symlink_up_and_out_resolves_inside_the_container() => SymlinkStaysInside("../../..");

    private async Task SymlinkStaysInside(string target)
    {
        string id = (await daemon.Docker("create", "--network", "none", "busybox", "true")).Stdout.Trim();
        string link = Host("cp-link"), payload = Host("cp-payload");
        try
        {
            // /out -> target, put into the container as a symlink through the archive API.
            File.CreateSymbolicLink(link, target);
            var mk = await daemon.Docker("cp", link, id + ":/out");
            Assert.True(mk.ExitCode == 0, mk.ToString());
            var read = await daemon.Docker("cp", id + ":/out/etc/passwd", "-");
            Assert.True(read.ExitCode == 0, read.ToString());
            Assert.DoesNotContain("/bin/bash", read.Stdout); // the host's root has a bash login shell; busybox has none
            Assert.Contains("root:x:0:0", read.Stdout);

            string marker = "berth-cp-escape-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(payload, "x");
            var write = await daemon.Docker("cp", payload, id + ":/out/" + marker);
            Assert.True(write.ExitCode == 0, write.ToString());
            Assert.False(File.Exists("/" + marker));
            Assert.False(File.Exists(Path.GetFullPath(Path.Combine(daemon.DataRoot, "..", "..", "..", marker))));
            Assert.Contains(marker, (await daemon.Docker("export", id)).Stdout);
        }
        finally
        {
            File.Delete(link);
            File.Delete(payload);
            await daemon.Docker("rm", "-f", id);
        }
    }
}
