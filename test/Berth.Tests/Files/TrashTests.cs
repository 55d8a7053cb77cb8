using Berth.Engine.Files;

namespace Berth.Tests.Files;

public sealed class TrashTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_deleted_tree_is_gone_from_its_name_at_once_and_from_disk_soon_after()
    {
        Directory.CreateDirectory(_dir["c1/diff/sub"]);
        File.WriteAllText(_dir["c1/diff/sub/f"], "x");

        Trash.Delete(_dir["c1"]);

        Assert.False(Directory.Exists(_dir["c1"]));
        for (int i = 0; i < 100 && Directory.EnumerateFileSystemEntries(_dir.Path).Any(); i++)
            await Task.Delay(20);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Deleting_what_does_not_exist_does_nothing()
    {
        Trash.Delete(_dir["absent"]);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void The_sweep_takes_the_trash_a_crash_left_and_nothing_else()
    {
        Directory.CreateDirectory(_dir["trash-c1-0badf00d/diff"]);
        File.WriteAllText(_dir["trash-c1-0badf00d/diff/f"], "x");
        Directory.CreateDirectory(_dir["c2/diff"]);

        Trash.Sweep(_dir.Path);

        Assert.Equal(["c2"], Directory.EnumerateDirectories(_dir.Path).Select(Path.GetFileName));
        Assert.True(Trash.IsTrash(_dir["trash-c1-0badf00d"]));
        Assert.False(Trash.IsTrash(_dir["c2"]));
    }
}
