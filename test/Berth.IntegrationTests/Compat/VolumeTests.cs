using System.Text.Json;
using Berth.IntegrationTests.Harness;

namespace Berth.IntegrationTests.Compat;

/// <summary><c>docker volume create/ls/inspect/rm/prune</c> against berthd: Docker's JSON, filters, errors and statuses.</summary>
[Collection(DaemonCollection.Name)]
public sealed class VolumeTests(DaemonFixture daemon)
{
    [RequiresRootFact]
    public async Task Create_inspect_and_list_show_dockers_fields()
    {
        Assert.Equal("vt-data", await daemon.DockerOk("volume", "create", "--label", "team=a", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", "vt-data"));
        try
        {
            using var doc = JsonDocument.Parse(await daemon.DockerOk("volume", "inspect", "vt-data"));
            var v = doc.RootElement[0];
            Assert.Equal(["CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope"], v.EnumerateObject().Select(p => p.Name));
            Assert.Equal("local", v.GetProperty("Driver").GetString());
            Assert.Equal(Path.Combine(daemon.DataRoot, "volumes", "vt-data", "_data"), v.GetProperty("Mountpoint").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", v.GetProperty("CreatedAt").GetString());
            Assert.Equal("a", v.GetProperty("Labels").GetProperty("team").GetString());
            Assert.Equal("size=1m", v.GetProperty("Options").GetProperty("o").GetString());
            Assert.Equal("local", v.GetProperty("Scope").GetString());
            Assert.True(Directory.Exists(v.GetProperty("Mountpoint").GetString()));

            // Create again: the same volume, as Docker's create is idempotent.
            Assert.Equal("vt-data", await daemon.DockerOk("volume", "create", "vt-data"));
            Assert.Equal("local     vt-data", (await daemon.DockerOk("volume", "ls", "-f", "name=vt-da")).Split('\n')[1]);
            Assert.Equal("vt-data", await daemon.DockerOk("volume", "ls", "-q", "--filter", "label=team=a"));
            Assert.Equal("vt-data", await daemon.DockerOk("volume", "ls", "-q", "--filter", "label=team", "--filter", "driver=local"));
            Assert.Equal("", await daemon.DockerOk("volume", "ls", "-q", "--filter", "label=team=b"));
            Assert.Equal("vt-data map[team:a]", await daemon.DockerOk("volume", "inspect", "-f", "{{.Name}} {{.Labels}}", "vt-data"));
        }
        finally
        {
            await daemon.Docker("volume", "rm", "vt-data");
        }
        Assert.False(Directory.Exists(Path.Combine(daemon.DataRoot, "volumes", "vt-data")));
    }

    [RequiresRootFact]
    public async Task A_volume_without_a_name_is_anonymous()
    {
        string name = await daemon.DockerOk("volume", "create");
        try
        {
            Assert.Matches("^[0-9a-f]{64}$", name);
            Assert.Equal("map[com.docker.volume.anonymous:]", await daemon.DockerOk("volume", "inspect", "-f", "{{.Labels}}", name));
        }
        finally
        {
            await daemon.Docker("volume", "rm", name);
        }
    }

    [RequiresRootFact]
    public async Task Errors_are_dockers()
    {
        var missing = await daemon.Docker("volume", "rm", "vt-nosuch");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error response from daemon: get vt-nosuch: no such volume\n", missing.Stderr);
        Assert.Equal(0, (await daemon.Docker("volume", "rm", "-f", "vt-nosuch")).ExitCode);
        Assert.Contains("get vt-nosuch: no such volume", (await daemon.Docker("volume", "inspect", "vt-nosuch")).Stderr);
        Assert.Contains("create x: volume name is too short, names should be at least two alphanumeric characters", (await daemon.Docker("volume", "create", "x")).Stderr);
        Assert.Contains("create vt-o: invalid option: \"foo\"", (await daemon.Docker("volume", "create", "-o", "foo=bar", "vt-o")).Stderr);
        Assert.Contains("create vt-d: error looking up volume plugin nope: plugin \"nope\" not found", (await daemon.Docker("volume", "create", "-d", "nope", "vt-d")).Stderr);
        Assert.Contains("invalid filter 'dangling=maybe'", (await daemon.Docker("volume", "ls", "-f", "dangling=maybe")).Stderr);
    }

    [RequiresRootFact]
    public async Task A_volume_in_use_is_a_conflict_and_not_dangling()
    {
        await daemon.DockerOk("volume", "create", "vt-busy");
        string id = await daemon.DockerOk("create", "-v", "vt-busy:/data", "busybox", "true");
        try
        {
            var r = await daemon.Docker("volume", "rm", "vt-busy");
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"Error response from daemon: remove vt-busy: volume is in use - [{id}]\n", r.Stderr);
            Assert.DoesNotContain("vt-busy", await daemon.DockerOk("volume", "ls", "-q", "-f", "dangling=true"));
            Assert.Contains("vt-busy", await daemon.DockerOk("volume", "ls", "-q", "-f", "dangling=false"));
        }
        finally
        {
            await daemon.Docker("rm", id);
        }
        Assert.Contains("vt-busy", await daemon.DockerOk("volume", "ls", "-q", "-f", "dangling=true"));
        Assert.Equal("vt-busy", await daemon.DockerOk("volume", "rm", "vt-busy"));
    }

    [RequiresRootFact]
    public async Task Prune_takes_anonymous_volumes_unless_all()
    {
        string anonymous = await daemon.DockerOk("volume", "create", "--label", "vt-prune=1");
        await daemon.DockerOk("volume", "create", "--label", "vt-prune=1", "vt-named");
        await daemon.DockerOk("volume", "create", "--label", "vt-prune=2", "vt-other");
        try
        {
            Assert.Equal($"Deleted Volumes:\n{anonymous}\n\nTotal reclaimed space: 0B",
                await daemon.DockerOk("volume", "prune", "-f", "--filter", "label=vt-prune=1"));
            Assert.Equal("Deleted Volumes:\nvt-named\n\nTotal reclaimed space: 0B",
                await daemon.DockerOk("volume", "prune", "-a", "-f", "--filter", "label=vt-prune", "--filter", "label!=vt-prune=2"));
            Assert.Equal("vt-other", await daemon.DockerOk("volume", "ls", "-q", "-f", "label=vt-prune"));
        }
        finally
        {
            await daemon.Docker("volume", "rm", "-f", anonymous, "vt-named", "vt-other");
        }
    }
}
