using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Volumes;
using Berth.Engine.Events;
using Berth.Engine.Metadata;
using Berth.Engine.Volumes;
using Berth.Tests.Fakes;

namespace Berth.Tests.Volumes;

/// <summary>The volume service over a real SQLite store and local driver; containers from a fake catalog.</summary>
public sealed class VolumeServiceTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MetadataStore _store;
    private readonly FakeContainerCatalog _containers = new();
    private readonly VolumeService _volumes;

    public VolumeServiceTests()
    {
        _store = new MetadataStore(_dir["berth.db"]);
        _volumes = new VolumeService(_store, new LocalVolumeDriver(_dir["volumes"]), _containers, new EventLog(_store), new SubpathStage(_dir["subpaths"]));
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private Container Using(string id, params MountPoint[] mounts)
    {
        var c = new Container
        {
            Id = id.PadRight(64, '0'), Name = "c" + id, Created = DateTime.UtcNow, ImageId = "sha256:" + new string('b', 64),
            Config = new ContainerConfig(), HostConfig = new HostConfig(), Path = "sh", Args = [], Mounts = mounts,
        };
        _containers.Containers.Add(c);
        return c;
    }

    private static MountPoint VolumeAt(string name, string destination = "/data") =>
        new() { Type = "volume", Name = name, Destination = destination, Driver = "local" };

    [Fact]
    public void Create_keeps_the_data_under_the_volume_directory_and_is_idempotent()
    {
        var v = _volumes.Create("data", null, new Dictionary<string, string> { ["a"] = "b" }, null);
        Assert.Equal(_dir["volumes/data/_data"], v.Mountpoint);
        Assert.True(Directory.Exists(v.Mountpoint));
        Assert.Equal("local", v.Driver);
        var again = _volumes.Create("data", null, null, null);
        Assert.Equal((v.Name, v.Mountpoint, v.CreatedAt), (again.Name, again.Mountpoint, again.CreatedAt));
        Assert.Equal("b", _volumes.Get("data").Labels["a"]);
    }

    [Fact]
    public void Volumes_survive_reopening_the_store()
    {
        _volumes.Create("kept", null, null, new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" });
        using var reopened = new MetadataStore(_dir["berth.db"]);
        Assert.Equal("tmpfs", reopened.FindVolume("kept")!.Options["type"]);
    }

    [Fact]
    public void No_name_makes_an_anonymous_volume()
    {
        var v = _volumes.Create(null, null, null, null);
        Assert.Matches("^[0-9a-f]{64}$", v.Name);
        Assert.True(v.IsAnonymous);
    }

    [Theory]
    [InlineData("a", "create a: volume name is too short, names should be at least two alphanumeric characters")]
    [InlineData("a/b", "create a/b: \"a/b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    public void Bad_names_are_refused_as_docker_does(string name, string message)
    {
        var e = Assert.Throws<BerthException>(() => _volumes.Create(name, null, null, null));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Unknown_options_and_drivers_are_refused()
    {
        Assert.Equal("create v3: invalid option: \"foo\"",
            Assert.Throws<BerthException>(() => _volumes.Create("v3", null, null, new Dictionary<string, string> { ["foo"] = "bar" })).Message);
        var e = Assert.Throws<BerthException>(() => _volumes.Create("v4", "nope", null, null));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Null(_store.FindVolume("v3"));
    }

    [Fact]
    public void A_volume_in_use_cannot_be_removed_and_a_missing_one_is_not_found()
    {
        _volumes.Create("busy", null, null, null);
        var c = Using("1", VolumeAt("busy"));
        var e = Assert.Throws<BerthException>(() => _volumes.Remove("busy", force: true));
        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Equal($"remove busy: volume is in use - [{c.Id}]", e.Message);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _volumes.Remove("gone", force: false)).Kind);
        _volumes.Remove("gone", force: true);
        _containers.Containers.Clear();
        _volumes.Remove("busy", force: false);
        Assert.Null(_store.FindVolume("busy"));
        Assert.False(Directory.Exists(_dir["volumes/busy"]));
    }

    [Fact]
    public void Prune_takes_unused_anonymous_volumes_unless_all()
    {
        var anonymous = _volumes.Create(null, null, null, null);
        var used = _volumes.Create(null, null, null, null);
        _volumes.Create("named", null, null, null);
        Using("1", VolumeAt(used.Name));
        File.WriteAllText(Path.Combine(anonymous.Mountpoint, "f"), "12345");

        var (deleted, reclaimed) = _volumes.Prune(all: false, _ => true);
        Assert.Equal([anonymous.Name], deleted);
        Assert.Equal(5, reclaimed);
        Assert.Equal(["named"], _volumes.Prune(all: true, _ => true).Deleted);
        Assert.Equal([used.Name], _volumes.List().Select(v => v.Name));
    }

    [Fact]
    public void Removing_a_containers_volumes_spares_named_and_shared_ones()
    {
        var mine = _volumes.Create(null, null, null, null);
        var shared = _volumes.Create(null, null, null, null);
        _volumes.Create("named", null, null, null);
        var removed = Using("1", VolumeAt(mine.Name, "/a"), VolumeAt(shared.Name, "/b"), VolumeAt("named", "/c"));
        Using("2", VolumeAt(shared.Name));
        _containers.Containers.Remove(removed);

        _volumes.RemoveAnonymous(removed);

        Assert.Equal(new[] { "named", shared.Name }.Order(StringComparer.Ordinal), _volumes.List().Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_layers_binds_mounts_and_image_volumes_and_creates_what_they_name()
    {
        Directory.CreateDirectory(_dir["src"]);
        var mounts = _volumes.Resolve(
            new ContainerConfig { Volumes = new Dictionary<string, object> { ["/data"] = new(), ["/anon/"] = new() } },
            new HostConfig
            {
                Binds = ["named:/data", _dir["src"] + ":/src:ro"],
                Mounts = [new MountSpec { Type = "tmpfs", Target = "/t" }],
            });
        Assert.Equal(["/anon", "/data", "/src", "/t"], mounts.Select(m => m.Destination).Order(StringComparer.Ordinal));
        var anonymous = mounts.Single(m => m.Destination == "/anon");
        Assert.True(_store.FindVolume(anonymous.Name!)!.IsAnonymous);
        Assert.Equal(_dir["volumes/named/_data"], mounts.Single(m => m.Destination == "/data").Source);
        Assert.NotNull(_store.FindVolume("named"));
    }

    [Fact]
    public void Resolve_refuses_duplicates_and_missing_bind_sources()
    {
        Assert.Equal("Duplicate mount point: /x", Assert.Throws<BerthException>(() => _volumes.Resolve(new ContainerConfig(),
            new HostConfig { Binds = ["v1:/x"], Mounts = [new MountSpec { Type = "volume", Source = "v2", Target = "/x" }] })).Message);
        Assert.Equal("invalid mount config for type \"bind\": bind source path does not exist: /no/such/dir", Assert.Throws<BerthException>(() =>
            _volumes.Resolve(new ContainerConfig(), new HostConfig { Mounts = [new MountSpec { Type = "bind", Source = "/no/such/dir", Target = "/x" }] })).Message);
    }

    [Fact]
    public void A_refused_volume_takes_the_anonymous_ones_made_before_it()
    {
        Assert.Throws<BerthException>(() => _volumes.Resolve(
            new ContainerConfig { Volumes = new Dictionary<string, object> { ["/anon"] = new() } },
            new HostConfig { Mounts = [new MountSpec { Type = "volume", Target = "/a" }, new MountSpec { Type = "volume", Source = "a/b", Target = "/b" }] }));
        Assert.Empty(_volumes.List());
    }

    [Fact]
    public void Volumes_from_copies_mounts_read_only_on_request()
    {
        Using("1", VolumeAt("shared") with { Source = "/s", Mode = "z" });
        var m = Assert.Single(_volumes.Resolve(new ContainerConfig(), new HostConfig { VolumesFrom = ["c1:ro"] }));
        Assert.Equal(VolumeAt("shared") with { Source = "/s", RW = false }, m);
    }

    [Fact]
    public void Copy_up_fills_an_empty_volume_with_the_images_content_once()
    {
        string rootfs = _dir["rootfs"];
        Directory.CreateDirectory(Path.Combine(rootfs, "srv/app/sub"));
        File.WriteAllText(Path.Combine(rootfs, "srv/app/sub/f"), "x");
        File.SetUnixFileMode(Path.Combine(rootfs, "srv/app/sub/f"), UnixFileMode.UserRead);
        File.CreateSymbolicLink(Path.Combine(rootfs, "link"), "/srv/app");
        string volume = _dir["vol"];
        Directory.CreateDirectory(volume);

        VolumeCopier.CopyIfEmpty(rootfs, "/link", volume);

        Assert.Equal("x", File.ReadAllText(Path.Combine(volume, "sub/f")));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(volume, "sub/f")));
        File.WriteAllText(Path.Combine(rootfs, "srv/app/new"), "y");
        VolumeCopier.CopyIfEmpty(rootfs, "/link", volume);
        Assert.False(File.Exists(Path.Combine(volume, "new")));
    }

    [Fact]
    public void Copy_up_resolves_the_path_inside_the_root_whatever_the_symlinks_say()
    {
        string rootfs = _dir["rootfs"];
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        File.WriteAllText(Path.Combine(rootfs, "etc", "inside"), "in");
        File.CreateSymbolicLink(Path.Combine(rootfs, "up"), "../../../../etc");
        File.CreateSymbolicLink(Path.Combine(rootfs, "abs"), "/etc");
        foreach (string path in new[] { "/up", "/abs/" })
        {
            string volume = _dir["vol" + path.Trim('/')];
            Directory.CreateDirectory(volume);
            VolumeCopier.CopyIfEmpty(rootfs, path, volume);
            Assert.Equal(["inside"], Directory.GetFileSystemEntries(volume).Select(Path.GetFileName));
        }
        Directory.CreateDirectory(_dir["volmissing"]);
        VolumeCopier.CopyIfEmpty(rootfs, "/missing", _dir["volmissing"]);
        Assert.Empty(Directory.GetFileSystemEntries(_dir["volmissing"]));
    }
}
