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

    public void Dispose() => _dir.Dispose();
}
