using Berth.Core.Snapshots;

namespace Berth.Tests.Snapshots;

/// <summary>
/// What every <see cref="ISnapshotter"/> must do, run against each implementation (as
/// containerd's snapshots/testsuite): a subclass says how to make one over a directory.
/// </summary>
public abstract class SnapshotterContract : IDisposable
{
    private static readonly string s_chain = "sha256:" + new string('1', 64);
    private readonly TempDir _dir = new();

    private protected abstract ISnapshotter Create(string root);

    private ISnapshotter Snapshotter => field ??= Create(_dir["snapshots"]);

    public void Dispose() => _dir.Dispose();

    private string PrepareWith(string file, string text)
    {
        string prepared = Snapshotter.PrepareLayer();
        File.WriteAllText(Path.Combine(prepared, "diff", file), text);
        return prepared;
    }

    [Fact]
    public void A_committed_layer_holds_what_was_unpacked_into_it()
    {
        Snapshotter.CommitLayer(PrepareWith("hello", "world"), s_chain);

        Assert.True(Snapshotter.HasLayer(s_chain));
        Assert.Equal("world", File.ReadAllText(Path.Combine(Snapshotter.LayerDir(s_chain), "hello")));
    }

    [Fact]
    public void Committing_a_layer_that_exists_keeps_the_first_and_drops_the_prepared_one()
    {
        Snapshotter.CommitLayer(PrepareWith("hello", "first"), s_chain);
        string second = PrepareWith("hello", "second");

        Snapshotter.CommitLayer(second, s_chain);

        Assert.False(Directory.Exists(second));
        Assert.Equal("first", File.ReadAllText(Path.Combine(Snapshotter.LayerDir(s_chain), "hello")));
    }

    [Fact]
    public void An_aborted_layer_leaves_nothing()
    {
        string prepared = PrepareWith("hello", "world");

        Snapshotter.AbortLayer(prepared);

        Assert.False(Directory.Exists(prepared));
        Assert.False(Snapshotter.HasLayer(s_chain));
    }

    [Fact]
    public void A_removed_layer_is_gone()
    {
        Snapshotter.CommitLayer(PrepareWith("hello", "world"), s_chain);

        Snapshotter.RemoveLayer(s_chain);

        Assert.False(Snapshotter.HasLayer(s_chain));
        Assert.False(Directory.Exists(Snapshotter.LayerDir(s_chain)));
    }

    [Fact]
    public void Layers_and_container_layers_are_listed_apart()
    {
        Snapshotter.CommitLayer(PrepareWith("hello", "world"), s_chain);
        string container = new('c', 64);
        Snapshotter.CreateContainer(container);
        string unfinished = Snapshotter.PrepareLayer();

        Assert.Equal([s_chain], Snapshotter.ListLayers());
        Assert.Equal([container], Snapshotter.ListContainers());
        Snapshotter.AbortLayer(unfinished);
    }

    [Fact]
    public void A_container_layer_starts_empty_and_counts_what_is_written_to_it()
    {
        Snapshotter.CreateContainer("c1");

        Assert.Equal(0, Snapshotter.Usage("c1"));
        File.WriteAllText(Path.Combine(Snapshotter.UpperOf("c1"), "f"), "12345");
        Assert.Equal(5, Snapshotter.Usage("c1"));
        Assert.Equal(0, Snapshotter.Usage("never-created"));
    }

    [Fact]
    public void The_container_mount_lists_the_chain_top_first()
    {
        string below = "sha256:" + new string('2', 64);
        Snapshotter.CreateContainer("c1");

        var mount = Snapshotter.ContainerMount("c1", [below, s_chain]);

        string lower = Assert.Single(mount.Options, o => o.StartsWith("lowerdir=", StringComparison.Ordinal));
        Assert.Equal("lowerdir=" + Snapshotter.LayerDir(s_chain) + ":" + Snapshotter.LayerDir(below), lower);
        Assert.Equal("overlay", mount.Type);
    }

    [RootFact]
    public void A_removed_container_layer_is_gone()
    {
        Snapshotter.CreateContainer("c1");
        File.WriteAllText(Path.Combine(Snapshotter.UpperOf("c1"), "f"), "x");

        Snapshotter.RemoveContainer("c1");

        Assert.False(Directory.Exists(Snapshotter.UpperOf("c1")));
        Assert.Equal(0, Snapshotter.Usage("c1"));
        // It may be deleted in the background, but not left on disk.
        for (int i = 0; i < 100 && Leftovers("c1").Any(); i++)
            Thread.Sleep(20);
        Assert.Empty(Leftovers("c1"));
    }

    private IEnumerable<string> Leftovers(string id) =>
        Directory.Exists(_dir["snapshots"]) ? Directory.EnumerateDirectories(_dir["snapshots"]).Where(d => Path.GetFileName(d).Contains(id, StringComparison.Ordinal)) : [];
}
