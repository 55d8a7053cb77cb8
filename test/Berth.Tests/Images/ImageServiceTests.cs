using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Content;
using Berth.Engine.Events;
using Berth.Engine.Images;
using Berth.Engine.Metadata;
using Berth.Tests.Fakes;

namespace Berth.Tests.Images;

/// <summary>Tag, remove and commit decisions of the image service, with the containers given by a fake catalog.</summary>
public sealed class ImageServiceTests : IDisposable
{
    private static readonly string s_diff = "sha256:" + new string('d', 64);
    private readonly TempDir _dir = new();
    private readonly MetadataStore _metadata;
    private readonly InMemorySnapshotter _snapshots;
    private readonly FakeContainerCatalog _containers = new();
    private readonly RecordingFreezer _freezer = new();
    private readonly ImageService _service;
    private readonly Image _image = EngineParts.Busybox with
    {
        Config = """{"config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"]},"history":[{"created_by":"COPY busybox /bin/"}]}"""u8.ToArray(),
        DiffIds = [s_diff],
        Tags = [],
    };

    public ImageServiceTests()
    {
        _metadata = new MetadataStore(_dir["berth.db"]);
        _snapshots = new InMemorySnapshotter(_dir["overlay"]);
        _snapshots.Layers.Add(s_diff);
        _metadata.PutImage(_image, [new Layer { ChainId = s_diff, DiffId = s_diff, Parent = "", BlobDigest = s_diff, Size = 5 }],
            ["docker.io/library/busybox:latest"]);
        _service = new ImageService(_metadata, new ImageStore(_metadata), new ContentStore(_dir["content"]), _snapshots, _containers, _freezer,
            new EventLog(_metadata));
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _dir.Dispose();
    }

    private Container UsingContainer(ContainerStatus status)
    {
        var c = EngineParts.Stored("ffff6666", "user", status);
        _containers.Containers.Add(c);
        return c;
    }

    [Fact]
    public void Tag_adds_a_normalised_name_for_the_image()
    {
        _service.Tag("busybox", "myrepo", "v1");

        Assert.Equal(_image.Id, _metadata.ResolveTag("docker.io/library/myrepo:v1"));
        Assert.Equal(_image.Id, _metadata.ResolveTag("docker.io/library/busybox:latest"));
    }

    [Fact]
    public void Remove_of_one_of_several_tags_only_untags()
    {
        _service.Tag("busybox", "other", null);

        var result = _service.Remove("other", force: false);

        Assert.Equal([new ImageDeleteItem("other:latest", null)], result);
        Assert.NotNull(_metadata.GetImage(_image.Id));
        Assert.Empty(_snapshots.RemovedLayers);
    }

    [Fact]
    public void Remove_of_the_last_tag_deletes_the_image_and_its_layers()
    {
        var result = _service.Remove("busybox", force: false);

        Assert.Equal([new ImageDeleteItem("busybox:latest", null), new ImageDeleteItem(null, _image.Id), new ImageDeleteItem(null, s_diff)], result);
        Assert.Null(_metadata.GetImage(_image.Id));
        Assert.Equal([s_diff], _snapshots.RemovedLayers);
    }

    private static readonly string s_manifest = "sha256:" + new string('e', 64);

    [Fact]
    public void Remove_of_the_last_tag_of_a_repository_takes_its_digests_along_and_the_image()
    {
        // As after a pull or a push: the tag and repo@digest of the same repository.
        _metadata.PutRepoDigest("127.0.0.1:5000/cmp/base@" + s_manifest, _image.Id);
        _service.Tag("busybox", "127.0.0.1:5000/cmp/base", "latest");

        var untag = _service.Remove("127.0.0.1:5000/cmp/base:latest", force: false);
        var delete = _service.Remove("busybox", force: false);

        Assert.Equal([new ImageDeleteItem("127.0.0.1:5000/cmp/base:latest", null), new ImageDeleteItem("127.0.0.1:5000/cmp/base@" + s_manifest, null)], untag);
        Assert.Equal([new ImageDeleteItem("busybox:latest", null), new ImageDeleteItem(null, _image.Id), new ImageDeleteItem(null, s_diff)], delete);
        Assert.Null(_metadata.GetImage(_image.Id));
    }

    [Fact]
    public void Remove_of_a_tag_keeps_the_digests_while_a_tag_of_their_repository_is_left()
    {
        _metadata.PutRepoDigest("docker.io/library/busybox@" + s_manifest, _image.Id);
        _service.Tag("busybox", "busybox", "v2");

        Assert.Equal([new ImageDeleteItem("busybox:v2", null)], _service.Remove("busybox:v2", force: false));
        Assert.Equal(["docker.io/library/busybox@" + s_manifest], _metadata.GetImage(_image.Id)!.RepoDigests);

        // The last tag: the digest goes too, and with it the image.
        var result = _service.Remove("busybox", force: false);
        Assert.Equal([new ImageDeleteItem("busybox:latest", null), new ImageDeleteItem("busybox@" + s_manifest, null), new ImageDeleteItem(null, _image.Id),
            new ImageDeleteItem(null, s_diff)], result);
    }

    [Fact]
    public void Remove_of_a_tag_keeps_an_image_another_repositorys_digest_names()
    {
        _metadata.PutRepoDigest("127.0.0.1:5000/other@" + s_manifest, _image.Id);

        Assert.Equal([new ImageDeleteItem("busybox:latest", null)], _service.Remove("busybox", force: false));
        Assert.Equal(["127.0.0.1:5000/other@" + s_manifest], _metadata.GetImage(_image.Id)!.RepoDigests);
    }

    [Fact]
    public void Remove_of_an_image_a_stopped_container_uses_needs_force()
    {
        var user = UsingContainer(ContainerStatus.Exited);

        var e = Assert.Throws<BerthException>(() => _service.Remove(_image.Id, force: false));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Equal($"conflict: unable to delete {_image.Id[7..19]} (must be forced) - image is being used by stopped container {user.Id[..12]}", e.Message);
        Assert.NotNull(_metadata.GetImage(_image.Id));
    }

    [Fact]
    public void Remove_by_tag_of_an_image_a_container_uses_names_the_reference()
    {
        var user = UsingContainer(ContainerStatus.Created);

        var e = Assert.Throws<BerthException>(() => _service.Remove("busybox", force: false));

        Assert.Equal($"conflict: unable to remove repository reference \"busybox:latest\" (must force) - container {user.Id[..12]} is using its referenced image {_image.Id[7..19]}", e.Message);
    }

    [Fact]
    public void Forced_remove_of_an_image_a_stopped_container_uses_untags_but_keeps_it()
    {
        UsingContainer(ContainerStatus.Exited);

        var result = _service.Remove("busybox", force: true);

        Assert.Equal([new ImageDeleteItem("busybox:latest", null)], result);
        Assert.NotNull(_metadata.GetImage(_image.Id));
        Assert.Null(_metadata.ResolveTag("docker.io/library/busybox:latest"));
        Assert.Empty(_snapshots.RemovedLayers);
    }

    [Fact]
    public void Remove_of_an_image_a_running_container_uses_cannot_be_forced()
    {
        var user = UsingContainer(ContainerStatus.Running);

        var e = Assert.Throws<BerthException>(() => _service.Remove("busybox", force: true));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Equal($"conflict: unable to delete {_image.Id[7..19]} (cannot be forced) - image is being used by running container {user.Id[..12]}", e.Message);
        Assert.Equal(_image.Id, _metadata.ResolveTag("docker.io/library/busybox:latest"));
    }

    [Fact]
    public void List_counts_the_containers_of_each_image()
    {
        UsingContainer(ContainerStatus.Exited);

        var summary = Assert.Single(_service.List(_ => true));

        Assert.Equal(_image.Id, summary.Image.Id);
        Assert.Equal(1, summary.Containers);
        Assert.Empty(_service.List(_ => false));
    }

    [Fact]
    public void Inspect_names_the_layer_directories_of_the_snapshotter()
    {
        var details = _service.Inspect("busybox");

        Assert.Equal(_snapshots.LayerDir(s_diff), details.UpperDir);
        Assert.Empty(details.LowerDirs);
    }

    [Fact]
    public async Task Commit_of_a_running_container_freezes_it_around_the_new_layer()
    {
        var c = UsingContainer(ContainerStatus.Running);
        Directory.CreateDirectory(_snapshots.UpperOf(c.Id));
        await File.WriteAllTextAsync(Path.Combine(_snapshots.UpperOf(c.Id), "hello"), "world");

        string id = await _service.CommitAsync("user", pause: true, new CommitOptions("snap", "v1", null, "saved", [], null), CancellationToken.None);

        Assert.Equal(["pause " + c.Id, "unpause " + c.Id], _freezer.Calls);
        Assert.Equal(id, _metadata.ResolveTag("docker.io/library/snap:v1"));
        var image = _metadata.GetImage(id)!;
        Assert.Equal(2, image.DiffIds.Count);
        Assert.Contains(ChainId.For(image.DiffIds)[^1], _snapshots.Layers);
        var last = _metadata.ReadEvents(0, long.MaxValue)[^1];
        Assert.Equal(("container", "commit", c.Id, id), (last.Type, last.Action, last.ActorId, last.Attributes["imageID"]));
    }

    [Fact]
    public async Task Commit_with_pause_off_leaves_the_container_running()
    {
        var c = UsingContainer(ContainerStatus.Running);
        Directory.CreateDirectory(_snapshots.UpperOf(c.Id));
        await File.WriteAllTextAsync(Path.Combine(_snapshots.UpperOf(c.Id), "hello"), "world");

        await _service.CommitAsync(c.Id, pause: false, new CommitOptions(null, null, null, null, [], null), CancellationToken.None);

        Assert.Empty(_freezer.Calls);
    }

    /// <summary>An image with the busybox layer and one more of <paramref name="size"/> bytes, tagged or not.</summary>
    private Image AddOnTop(char mark, long size, params string[] tags)
    {
        string diff = "sha256:" + new string(mark, 64);
        string chain = ChainId.Next(s_diff, diff);
        var image = _image with { Id = "sha256:" + new string(mark, 63) + "f", DiffIds = [s_diff, diff], Tags = [] };
        _snapshots.Layers.Add(chain);
        _metadata.PutImage(image, [
            new Layer { ChainId = s_diff, DiffId = s_diff, Parent = "", BlobDigest = s_diff, Size = 5 },
            new Layer { ChainId = chain, DiffId = diff, Parent = s_diff, BlobDigest = diff, Size = size }], tags);
        return image;
    }

    [Fact]
    public void Prune_removes_unused_dangling_images_and_reports_their_layers_bytes()
    {
        var dangling = AddOnTop('e', 7);
        var used = AddOnTop('a', 11);
        _containers.Containers.Add(EngineParts.Stored("ffff7777", "user", ContainerStatus.Exited) with { ImageId = used.Id });

        var report = _service.Prune(all: false, _ => true);

        Assert.Equal(7, report.SpaceReclaimed);
        Assert.Equal([new ImageDeleteItem(null, dangling.Id), new ImageDeleteItem(null, ChainId.Next(s_diff, dangling.DiffIds[1]))], report.Deleted);
        Assert.NotNull(_metadata.GetImage(used.Id));
        Assert.NotNull(_metadata.GetImage(_image.Id)); // tagged: kept unless all
    }

    [Fact]
    public void Prune_all_untags_and_removes_every_unused_image_the_filter_accepts()
    {
        AddOnTop('e', 7, "docker.io/library/extra:1");

        var report = _service.Prune(all: true, i => i.Id != _image.Id);

        Assert.Equal(new ImageDeleteItem("extra:1", null), report.Deleted[0]);
        Assert.Equal(7, report.SpaceReclaimed);
        Assert.NotNull(_metadata.GetImage(_image.Id));
    }

    [Fact]
    public void Disk_usage_counts_every_layer_once_and_the_shared_bytes_per_image()
    {
        AddOnTop('e', 7, "docker.io/library/extra:1");

        var (layersSize, images) = _service.DiskUsage();

        Assert.Equal(12, layersSize);
        Assert.Equal([5, 5], images.Select(i => i.SharedSize).ToArray());
    }
}
