using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Tests.Fakes;

namespace Berth.Tests.Containers;

/// <summary>The container service's own logic, over an in-memory snapshotter and a recording runtime.</summary>
public sealed class ContainerServiceTests : IDisposable
{
    private readonly EngineParts _engine;

    public ContainerServiceTests()
    {
        _engine = new EngineParts(
            EngineParts.Stored("aaaa1111", "runner", ContainerStatus.Running),
            EngineParts.Stored("bbbb2222", "stopped", ContainerStatus.Exited));
        _engine.Images.Add(EngineParts.Busybox, "busybox");
        _engine.Runtime.Status[_engine.Catalog.Get("runner").Id] = "running";
    }

    public void Dispose() => _engine.Dispose();

    private static ContainerConfig Config() => new() { Image = "busybox" };

    [Fact]
    public void Create_prepares_a_writable_layer_and_stores_the_container_with_the_image_defaults()
    {
        var c = _engine.Containers.Create(Config(), new HostConfig(), "web");

        Assert.Equal(ContainerStatus.Created, c.State.Status);
        Assert.Contains(c.Id, _engine.Snapshots.Containers);
        Assert.Equal(EngineParts.Busybox.Id, c.ImageId);
        Assert.Equal("sh", c.Path);
        Assert.Equal(c.Id, _engine.Catalog.Get("web").Id);
        Assert.Contains(_engine.Metadata.ListContainers(), s => s.Id == c.Id && s.Name == "web");
        Assert.Equal("container create", _engine.PublishedEvents()[^1]);
    }

    [Fact]
    public void Create_with_a_name_in_use_is_a_conflict_and_leaves_nothing_behind()
    {
        string holder = _engine.Catalog.Get("runner").Id;
        int before = _engine.Snapshots.Containers.Count;

        var e = Assert.Throws<BerthException>(() => _engine.Containers.Create(Config(), new HostConfig(), "runner"));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Equal($"Conflict. The container name \"/runner\" is already in use by container \"{holder}\". You have to remove (or rename) that container to be able to reuse that name.", e.Message);
        Assert.Equal(before, _engine.Snapshots.Containers.Count);
        Assert.Equal(2, _engine.Catalog.List().Count);
    }

    [Fact]
    public void Create_of_a_missing_image_is_not_found()
    {
        var e = Assert.Throws<BerthException>(() => _engine.Containers.Create(new ContainerConfig { Image = "nope" }, new HostConfig(), null));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Remove_of_a_running_container_without_force_is_refused()
    {
        var running = _engine.Catalog.Get("runner");

        var e = await Assert.ThrowsAsync<BerthException>(() => _engine.Containers.RemoveAsync("runner", force: false, CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.StartsWith($"You cannot remove a running container {running.Id}.", e.Message);
        Assert.Equal(ContainerStatus.Running, _engine.Catalog.Get("runner").State.Status);
    }

    [Fact]
    public async Task Remove_of_a_stopped_container_drops_its_layer_record_and_name()
    {
        var stopped = _engine.Catalog.Get("stopped");
        _engine.Snapshots.Containers.Add(stopped.Id);

        await _engine.Containers.RemoveAsync("stopped", force: false, CancellationToken.None);

        Assert.DoesNotContain(stopped.Id, _engine.Snapshots.Containers);
        Assert.DoesNotContain(_engine.Metadata.ListContainers(), c => c.Id == stopped.Id);
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<BerthException>(() => _engine.Catalog.Get("stopped")).Kind);
        Assert.Equal("container destroy", _engine.PublishedEvents()[^1]);
    }

    [Fact]
    public async Task Pause_and_unpause_go_through_the_runtime_and_move_the_state()
    {
        string id = _engine.Catalog.Get("runner").Id;

        await _engine.Containers.PauseAsync("runner", CancellationToken.None);
        Assert.Equal(ContainerStatus.Paused, _engine.Catalog.Get(id).State.Status);
        Assert.Equal("paused", _engine.Runtime.Status[id]);

        await _engine.Containers.UnpauseAsync(id, CancellationToken.None);
        Assert.Equal(ContainerStatus.Running, _engine.Catalog.Get(id).State.Status);
        Assert.Equal(["pause " + id, "resume " + id], _engine.Runtime.Calls);
        Assert.Equal(ContainerStatus.Running, _engine.Metadata.ListContainers().Single(c => c.Id == id).State.Status);
    }

    [Fact]
    public async Task Pause_of_a_stopped_container_is_a_conflict_and_the_runtime_is_not_asked()
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => _engine.Containers.PauseAsync("stopped", CancellationToken.None));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.EndsWith("is not running", e.Message);
        Assert.Empty(_engine.Runtime.Calls);
    }

    [Fact]
    public void Rename_to_a_name_in_use_is_a_conflict()
    {
        var e = Assert.Throws<BerthException>(() => _engine.Containers.Rename("stopped", "runner"));
        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.StartsWith("Error when allocating new name: Conflict. The container name \"/runner\" is already in use", e.Message);
        e = Assert.Throws<BerthException>(() => _engine.Containers.Rename("stopped", "bad name"));
        Assert.Equal((ErrorKind.InvalidArgument, "Error when allocating new name: Invalid container name (/bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), (e.Kind, e.Message));
        e = Assert.Throws<BerthException>(() => _engine.Containers.Rename("stopped", "/stopped"));
        Assert.Equal("Renaming a container with the same name as its current name", e.Message);
        Assert.Equal("stopped", _engine.Catalog.Get(_engine.Catalog.List().Single(c => c.Name == "stopped").Id).Name);
    }

    [Fact]
    public async Task Prune_removes_only_stopped_containers_and_counts_their_layers()
    {
        var stopped = _engine.Catalog.Get("stopped");
        _engine.Snapshots.CreateContainer(stopped.Id);
        File.WriteAllText(Path.Combine(_engine.Snapshots.UpperOf(stopped.Id), "data"), "12345");

        var report = await _engine.Containers.PruneAsync(_ => true, CancellationToken.None);

        Assert.Equal([stopped.Id], report.Deleted);
        Assert.Equal(5, report.SpaceReclaimed);
        Assert.Equal(["runner"], _engine.Catalog.List().Select(c => c.Name));
    }

    [Fact]
    public void Inspect_hands_the_view_the_ids_of_the_user_defined_networks_the_container_names()
    {
        var network = new Core.Networking.NetworkDefinition
        {
            Id = new string('e', 64), Name = "backend", Bridge = "br-eeeeeeeeeeee", Subnet = "172.31.0.0/16", Gateway = "172.31.0.1",
        };
        _engine.Metadata.InsertNetwork(network);
        var c = _engine.Containers.Create(new ContainerConfig { Image = "busybox" }, new HostConfig { NetworkMode = "backend" }, "web");

        var details = _engine.Containers.Inspect("web");

        Assert.Equal(network.Id, details.NetworkIds["backend"]);
        Assert.Equal(_engine.Snapshots.UpperOf(c.Id), details.UpperDir);
        Assert.Equal(_engine.Paths.LogPath(c.Id), details.LogPath);
    }

    [Fact]
    public async Task A_stopped_container_disconnected_from_its_mode_network_keeps_the_mode_and_connects_again()
    {
        // docker-compose 1.29: created on <project>_net, disconnected, connected again with its aliases.
        _engine.Metadata.InsertNetwork(new Core.Networking.NetworkDefinition
        {
            Id = new string('f', 64), Name = "proj_net", Bridge = "br-ffffffffffff", Subnet = "172.30.0.0/16", Gateway = "172.30.0.1",
        });
        _engine.Containers.Create(Config(), new HostConfig { NetworkMode = "proj_net" }, "svc");

        await _engine.Containers.DisconnectAsync("svc", "proj_net", force: false, CancellationToken.None);
        var off = _engine.Catalog.Get("svc");
        Assert.Equal("proj_net", off.HostConfig.NetworkMode);
        Assert.True(off.OffModeNetwork);
        var again = await Assert.ThrowsAsync<BerthException>(() => _engine.Containers.DisconnectAsync("svc", "proj_net", force: false, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, again.Kind);

        await _engine.Containers.ConnectAsync("svc", "proj_net", new Core.Networking.EndpointConfig { Aliases = ["web"] }, CancellationToken.None);
        var on = _engine.Catalog.Get("svc");
        Assert.Equal("proj_net", on.HostConfig.NetworkMode);
        Assert.False(on.OffModeNetwork);
        Assert.Equal(["web"], on.AliasesOn("proj_net"));
    }
}
