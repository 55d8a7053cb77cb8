using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Metadata;

namespace Berth.Tests.Metadata;

public sealed class MetadataStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    private MetadataStore Open() => new(_dir["berth.db"]);

    private static Image NewImage(string hex, params string[] diffIds) => new()
    {
        Id = "sha256:" + hex.PadRight(64, '0'), Config = "{}"u8.ToArray(), DiffIds = diffIds, Created = DateTime.UtcNow, Size = 10,
    };

    private static Layer NewLayer(string diff, string parent = "") => new()
    {
        ChainId = parent == "" ? diff : ChainId.Next(parent, diff), DiffId = diff, Parent = parent, BlobDigest = diff, Size = 5,
    };

    private static Container NewContainer(string id, string name) => new()
    {
        Id = id, Name = name, Created = DateTime.UtcNow, ImageId = "sha256:" + new string('a', 64),
        Config = new ContainerConfig { Image = "busybox", Cmd = ["true"] }, HostConfig = new HostConfig(), Path = "true", Args = [],
    };

    [Fact]
    public void Images_tags_and_layers_survive_reopening()
    {
        string diff = "sha256:" + new string('d', 64);
        using (var store = Open())
            store.PutImage(NewImage("ab", diff), [NewLayer(diff)], ["docker.io/library/busybox:latest"]);
        using var reopened = Open();
        string id = reopened.ResolveTag("docker.io/library/busybox:latest")!;
        var image = reopened.GetImage(id)!;
        Assert.Equal([diff], image.DiffIds);
        Assert.Equal(["docker.io/library/busybox:latest"], image.Tags);
        Assert.Equal([id], reopened.FindImageIds("ab"));
        Assert.NotNull(reopened.GetLayer(diff));
    }

    [Fact]
    public void Deleting_an_image_frees_only_layers_no_other_image_uses()
    {
        string shared = "sha256:" + new string('1', 64), own = "sha256:" + new string('2', 64);
        using var store = Open();
        store.PutImage(NewImage("aa", shared), [NewLayer(shared)], []);
        store.PutImage(NewImage("bb", shared, own), [NewLayer(own, shared)], []);
        var freed = store.DeleteImage("sha256:" + "bb".PadRight(64, '0'));
        Assert.Equal([ChainId.Next(shared, own)], freed.Select(l => l.ChainId));
        Assert.NotNull(store.GetLayer(shared));
    }

    [Fact]
    public void Tagging_moves_a_tag_between_images()
    {
        using var store = Open();
        store.PutImage(NewImage("aa"), [], ["docker.io/library/x:latest"]);
        store.PutImage(NewImage("bb"), [], []);
        store.Tag("docker.io/library/x:latest", "sha256:" + "bb".PadRight(64, '0'));
        Assert.Equal("sha256:" + "bb".PadRight(64, '0'), store.ResolveTag("docker.io/library/x:latest"));
        Assert.True(store.Untag("docker.io/library/x:latest"));
        Assert.Null(store.ResolveTag("docker.io/library/x:latest"));
    }

    [Fact]
    public void Containers_round_trip_and_names_are_unique()
    {
        using var store = Open();
        var c = NewContainer(new string('c', 64), "web");
        store.InsertContainer(c);
        store.UpdateContainer(c with { State = new ContainerState { Status = ContainerStatus.Running, Pid = 42 } });
        var e = Assert.Throws<BerthException>(() => store.InsertContainer(NewContainer(new string('d', 64), "web")));
        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Contains("The container name \"/web\" is already in use by container \"" + c.Id, e.Message);

        var loaded = Assert.Single(store.ListContainers());
        Assert.Equal(ContainerStatus.Running, loaded.State.Status);
        Assert.Equal(42, loaded.State.Pid);
        Assert.Equal(["true"], loaded.Config.Cmd);
        store.DeleteContainer(c.Id);
        Assert.Empty(store.ListContainers());
    }

    [Fact]
    public void Containers_stored_before_the_records_became_immutable_still_read()
    {
        // A row as the daemon wrote it when ContainerConfig and HostConfig were mutable classes:
        // unknown fields flat beside the known ones, null-valued optional fields left out.
        string id = new string('e', 64);
        string old = $$$"""
            {"Id":"{{{id}}}","Name":"old","Created":"2026-12-01T10:00:00Z","ImageId":"sha256:{{{new string('a', 64)}}}",
             "Config":{"Hostname":"eeeeeeeeeeee","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,
               "ExposedPorts":{"80/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/bin"],"Cmd":["top"],
               "Image":"busybox","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"a":"b"},"ArgsEscaped":true},
             "HostConfig":{"Binds":null,"Tmpfs":null,"ContainerIDFile":"","LogConfig":{"Type":"json-file","Config":{}},"NetworkMode":"bridge",
               "PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"RestartPolicy":{"Name":"always","MaximumRetryCount":0},
               "AutoRemove":false,"Memory":1048576,"PidsLimit":null,"CgroupParent":"","Mounts":[]},
             "Path":"top","Args":[],"State":{"Status":1,"Pid":7},"RestartCount":0,"Driver":"overlay2","Endpoints":{}}
            """;
        using (var store = Open())
        {
            store.InsertContainer(NewContainer(id, "old"));
            using var db = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = _dir["berth.db"], Pooling = false }.ToString());
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE containers SET doc = $doc WHERE id = $id";
            cmd.Parameters.AddWithValue("$doc", old);
            cmd.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        using var reopened = Open();
        var c = Assert.Single(reopened.ListContainers());
        Assert.Equal(["ArgsEscaped"], c.Config.Extra.Keys);
        Assert.Equal(["CgroupParent"], c.HostConfig.Extra.Keys);
        Assert.Equal([], c.HostConfig.Mounts!);
        Assert.Empty(c.Mounts);
        Assert.Equal("always", c.HostConfig.RestartPolicy.Name);
        Assert.Equal("8080", c.HostConfig.PortBindings!["80/tcp"]![0].HostPort);
        Assert.Equal(["80/tcp"], c.Config.ExposedPorts!.Keys);

        // Written back, the row keeps that shape.
        reopened.UpdateContainer(c with { RestartCount = 1 });
        var again = Assert.Single(reopened.ListContainers());
        Assert.Equal(c.Config.Extra.Keys, again.Config.Extra.Keys);
        Assert.Equal(c.HostConfig.Extra.Keys, again.HostConfig.Extra.Keys);
        Assert.Equal(1, again.RestartCount);
    }

    public void Dispose() => _dir.Dispose();
}
