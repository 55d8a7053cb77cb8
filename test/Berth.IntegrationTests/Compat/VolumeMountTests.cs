using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary>
/// Volumes, binds and tmpfs in containers with the real docker CLI: <c>-v</c>, <c>--mount</c>,
/// <c>--volumes-from</c>, an image's VOLUME, copy-up, <c>rm -v</c> and <c>run --rm</c>, and
/// inspect's <c>Mounts</c>.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class VolumeMountTests(DaemonFixture daemon)
{
    private string VolumeData(string name) => Path.Combine(daemon.DataRoot, "volumes", name, "_data");

    private async Task<bool> VolumeExists(string name) => (await daemon.Docker("volume", "inspect", name)).ExitCode == 0;

    [RequiresRootFact]
    public async Task A_named_volume_is_created_on_first_use_and_keeps_its_data()
    {
        try
        {
            Assert.Equal("", await daemon.DockerOk("run", "--rm", "-v", "vm-data:/data", "busybox", "sh", "-c", "echo kept > /data/f"));
            Assert.Equal("kept", await daemon.DockerOk("run", "--rm", "-v", "vm-data:/data:ro", "busybox", "cat", "/data/f"));
            Assert.Equal("kept\n", File.ReadAllText(Path.Combine(VolumeData("vm-data"), "f")));
            var ro = await daemon.Docker("run", "--rm", "-v", "vm-data:/data:ro", "busybox", "touch", "/data/g");
            Assert.Contains("Read-only file system", ro.Stderr);
            // --rm removes anonymous volumes only: the named one stays.
            Assert.True(await VolumeExists("vm-data"));
        }
        finally
        {
            await daemon.Docker("volume", "rm", "vm-data");
        }
    }

    [RequiresRootFact]
    public async Task Inspect_shows_mounts_as_docker()
    {
        string host = Directory.CreateTempSubdirectory("berth-vm-").FullName;
        string id = await daemon.DockerOk("create", "-v", "vm-ins:/data", "-v", "/anon", "-v", host + ":/h:ro",
            "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m", "--mount", "type=bind,src=" + host + ",dst=/b,bind-propagation=rslave", "busybox", "true");
        string anonymous = "";
        try
        {
            using var doc = JsonDocument.Parse(await daemon.DockerOk("inspect", "-f", "{{json .Mounts}}", id));
            var mounts = doc.RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("Destination").GetString()!, m => m.GetRawText());
            anonymous = JsonDocument.Parse(mounts["/anon"]).RootElement.GetProperty("Name").GetString()!;
            Assert.Matches("^[0-9a-f]{64}$", anonymous);
            Assert.Equal($$"""{"Type":"volume","Name":"vm-ins","Source":"{{VolumeData("vm-ins")}}","Destination":"/data","Driver":"local","Mode":"z","RW":true,"Propagation":""}""", mounts["/data"]);
            Assert.Equal($$"""{"Type":"volume","Name":"{{anonymous}}","Source":"{{VolumeData(anonymous)}}","Destination":"/anon","Driver":"local","Mode":"","RW":true,"Propagation":""}""", mounts["/anon"]);
            Assert.Equal($$"""{"Type":"bind","Source":"{{host}}","Destination":"/h","Mode":"ro","RW":false,"Propagation":"rprivate"}""", mounts["/h"]);
            Assert.Equal($$"""{"Type":"bind","Source":"{{host}}","Destination":"/b","Mode":"","RW":true,"Propagation":"rslave"}""", mounts["/b"]);
            Assert.Equal("""{"Type":"tmpfs","Source":"","Destination":"/t","Mode":"","RW":true,"Propagation":""}""", mounts["/t"]);
            Assert.Equal("""[{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":1048576}},{"Type":"bind","Source":"HOST","Target":"/b","BindOptions":{"Propagation":"rslave"}}]""".Replace("HOST", host),
                await daemon.DockerOk("inspect", "-f", "{{json .HostConfig.Mounts}}", id));
            Assert.Equal("map[com.docker.volume.anonymous:]", await daemon.DockerOk("volume", "inspect", "-f", "{{.Labels}}", anonymous));
        }
        finally
        {
            await daemon.Docker("rm", "-v", id);
            Directory.Delete(host, recursive: true);
        }
        // rm -v took the anonymous volume and left the named one.
        Assert.False(await VolumeExists(anonymous));
        Assert.True(await VolumeExists("vm-ins"));
        await daemon.Docker("volume", "rm", "vm-ins");
    }

    [RequiresRootFact]
    public async Task The_first_mount_copies_the_images_content_with_owners_and_modes()
    {
        string builder = await daemon.DockerOk("run", "-d", "busybox", "sh", "-c",
            "mkdir -p /srv/app/sub && echo x > /srv/app/sub/f && chown -R 1000:1001 /srv/app && chmod 640 /srv/app/sub/f && chmod 750 /srv/app && ln -s sub/f /srv/app/link");
        await daemon.DockerOk("wait", builder);
        await daemon.DockerOk("commit", "--change", "VOLUME /srv/app", builder, "vm-copyup:1");
        await daemon.Docker("rm", builder);
        try
        {
            Assert.Equal("1000 1001 750\n1000 1001 640\nsub/f\nx",
                await daemon.DockerOk("run", "--rm", "-v", "vm-cu:/srv/app", "vm-copyup:1", "sh", "-c", "stat -c '%u %g %a' /srv/app /srv/app/sub/f; readlink /srv/app/link; cat /srv/app/link"));
            Assert.Equal("0", await daemon.DockerOk("run", "--rm", "-v", "vm-nc:/srv/app:nocopy", "vm-copyup:1", "sh", "-c", "ls -A /srv/app | wc -l"));
            Assert.Equal("0", await daemon.DockerOk("run", "--rm", "--mount", "src=vm-nc2,dst=/srv/app,volume-nocopy", "vm-copyup:1", "sh", "-c", "ls -A /srv/app | wc -l"));

            // The image's VOLUME makes an anonymous volume with the image's content; --rm removes it.
            string id = await daemon.DockerOk("create", "vm-copyup:1", "cat", "/srv/app/sub/f");
            string anonymous = await daemon.DockerOk("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", id);
            Assert.Equal("x", await daemon.DockerOk("start", "-a", id));
            Assert.Equal("x\n", File.ReadAllText(Path.Combine(VolumeData(anonymous), "sub", "f")));
            await daemon.DockerOk("rm", "-v", id);
            Assert.False(await VolumeExists(anonymous));
        }
        finally
        {
            await daemon.Docker("volume", "rm", "vm-cu", "vm-nc", "vm-nc2");
            await daemon.Docker("rmi", "vm-copyup:1");
        }
    }

    [RequiresRootFact]
    public async Task Run_rm_removes_anonymous_volumes_only()
    {
        var before = (await daemon.DockerOk("volume", "ls", "-q")).Split('\n').ToHashSet();
        Assert.Equal("", await daemon.DockerOk("run", "--rm", "-v", "/anon", "-v", "vm-rm:/named", "--mount", "type=volume,dst=/anon2", "busybox", "true"));
        var after = (await daemon.DockerOk("volume", "ls", "-q")).Split('\n').ToHashSet();
        after.ExceptWith(before);
        Assert.Equal(["vm-rm"], after);
        await daemon.DockerOk("volume", "rm", "vm-rm");
    }

    [RequiresRootFact]
    public async Task Bad_mount_specs_get_dockers_errors()
    {
        async Task Refused(string expected, params string[] flags)
        {
            var r = await daemon.Docker(["run", "--rm", .. flags, "busybox", "true"]);
            Assert.Equal(125, r.ExitCode);
            Assert.Contains(expected, r.Stderr);
        }

        await Refused("invalid mount config for type \"bind\": bind source path does not exist: /vm-no/such", "--mount", "type=bind,src=/vm-no/such,dst=/x");
        await Refused("invalid mount config for type \"bind\": field Source must not be empty", "--mount", "type=bind,dst=/x");
        await Refused("invalid mount config for type \"tmpfs\": field Source must not be specified", "--mount", "type=tmpfs,src=a,dst=/x");
        await Refused("invalid mount config for type \"foo\": mount type unknown", "--mount", "type=foo,dst=/x");
        await Refused("invalid mode: foo", "-v", "vm-x:/x:foo");
        await Refused("Duplicate mount point: /x", "-v", "vm-x:/x", "--mount", "src=vm-y,dst=/x");
        await Refused("create a/b: \"a/b\" includes invalid characters for a local volume name", "--mount", "src=a/b,dst=/x");
        Assert.False(await VolumeExists("vm-x"));
    }

    [RequiresRootFact]
    public async Task Tmpfs_and_bind_mounts_and_volumes_from()
    {
        string host = Directory.CreateTempSubdirectory("berth-vm-").FullName;
        File.WriteAllText(Path.Combine(host, "hello"), "hi\n");
        string source = await daemon.DockerOk("run", "-d", "-v", "vm-from:/shared", "-v", host + ":/h", "busybox", "sleep", "1000");
        try
        {
            Assert.Equal("1770 tmpfs", await daemon.DockerOk("run", "--rm", "--mount", "type=tmpfs,dst=/t,tmpfs-mode=1770", "busybox", "sh", "-c", "echo $(stat -c %a /t) $(stat -f -c %T /t)"));
            Assert.Equal("hi", await daemon.DockerOk("run", "--rm", "--mount", $"type=bind,src={host},dst=/b,readonly", "busybox", "cat", "/b/hello"));
            Assert.Contains("Read-only file system", (await daemon.Docker("run", "--rm", "--mount", $"type=bind,src={host},dst=/b,readonly", "busybox", "touch", "/b/x")).Stderr);

            await daemon.DockerOk("exec", source, "sh", "-c", "echo shared > /shared/f");
            Assert.Equal("shared\nhi", await daemon.DockerOk("run", "--rm", "--volumes-from", source, "busybox", "sh", "-c", "cat /shared/f /h/hello"));
            Assert.Contains("Read-only file system", (await daemon.Docker("run", "--rm", "--volumes-from", source + ":ro", "busybox", "touch", "/shared/g")).Stderr);
            // The container that borrowed the volume is gone with --rm; the volume is still the source's.
            var r = await daemon.Docker("volume", "rm", "vm-from");
            Assert.Contains($"volume is in use - [{source}]", r.Stderr);
        }
        finally
        {
            await daemon.Docker("rm", "-f", "-v", source);
            await daemon.Docker("volume", "rm", "vm-from");
            Directory.Delete(host, recursive: true);
        }
    }

    [RequiresRootFact]
    public async Task A_tmpfs_volume_is_mounted_while_containers_use_it()
    {
        await daemon.DockerOk("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=2m", "vm-tmpfs");
        string a = await daemon.DockerOk("run", "-d", "-v", "vm-tmpfs:/d", "busybox", "sleep", "1000");
        string b = await daemon.DockerOk("run", "-d", "-v", "vm-tmpfs:/d", "busybox", "sleep", "1000");
        try
        {
            Assert.Contains("tmpfs", await daemon.DockerOk("exec", a, "stat", "-f", "-c", "%T", "/d"));
            await daemon.DockerOk("exec", a, "sh", "-c", "echo x > /d/f");
            Assert.Equal("x", await daemon.DockerOk("exec", b, "cat", "/d/f"));
            await daemon.DockerOk("stop", "-t", "0", a);
            Assert.Equal("x", await daemon.DockerOk("exec", b, "cat", "/d/f"));
            await daemon.DockerOk("stop", "-t", "0", b);
            // The last user stopped: the tmpfs went, and the next start gets an empty one.
            Assert.DoesNotContain(VolumeData("vm-tmpfs"), File.ReadAllText("/proc/self/mountinfo"));
            Assert.Equal("0", await daemon.DockerOk("run", "--rm", "-v", "vm-tmpfs:/d", "busybox", "sh", "-c", "ls -A /d | wc -l"));
        }
        finally
        {
            await daemon.Docker("rm", "-f", a, b);
            await daemon.Docker("volume", "rm", "vm-tmpfs");
        }
    }

    [RequiresRootFact]
    public async Task Volume_events_are_dockers()
    {
        string since = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        string id = await daemon.DockerOk("run", "-d", "-v", "vm-ev:/d", "busybox", "true");
        await daemon.DockerOk("wait", id);
        await daemon.DockerOk("rm", id);
        await daemon.DockerOk("volume", "rm", "vm-ev");
        string until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString();
        var events = await daemon.DockerOk("events", "--since", since, "--until", until, "--filter", "type=volume", "--filter", "volume=vm-ev",
            "--format", "{{.Action}} {{json .Actor.Attributes}}");
        Assert.Equal($$"""
            create {"driver":"local"}
            mount {"container":"{{id}}","destination":"/d","driver":"local","propagation":"","read/write":"true"}
            unmount {"container":"{{id}}","driver":"local"}
            destroy {"driver":"local"}
            """.Replace("\r", ""), events);
    }
}
