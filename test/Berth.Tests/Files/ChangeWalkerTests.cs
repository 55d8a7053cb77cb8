using Berth.Core.Containers;
using Berth.Engine.Archive;
using Berth.Engine.Files;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Files;

public sealed class ChangeWalkerTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Folder(string name) => Directory.CreateDirectory(_dir[name]).FullName;

    private static void Write(string root, string relative, string text = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, relative))!);
        System.IO.File.WriteAllText(Path.Combine(root, relative), text);
    }

    private static string Lines(IEnumerable<FileChange> changes) =>
        string.Join(' ', changes.Select(c => $"{"CAD"[(int)c.Kind]}{c.Path}"));

    [Fact]
    public void Paths_in_the_image_are_modified_new_ones_added_depth_first_in_ordinal_order()
    {
        string lower = Folder("lower"), upper = Folder("upper");
        Write(lower, "etc/passwd", "root");
        Write(lower, "bin/sh");
        Write(upper, "etc/passwd", "root\nann");
        Write(upper, "new/sub/f");
        Write(upper, "a.b");
        Write(upper, "a/x");
        Write(upper, "etc/added");
        Assert.Equal("A/a A/a/x A/a.b C/etc A/etc/added C/etc/passwd A/new A/new/sub A/new/sub/f",
            Lines(ChangeWalker.Walk(upper, [lower])));
    }

    [Fact]
    public void A_path_in_any_lower_layer_counts_and_a_missing_upper_has_no_changes()
    {
        string top = Folder("top"), bottom = Folder("bottom"), upper = Folder("upper");
        Write(bottom, "deep/file");
        Directory.CreateDirectory(Path.Combine(top, "other"));
        Write(upper, "deep/file", "changed");
        Assert.Equal("C/deep C/deep/file", Lines(ChangeWalker.Walk(upper, [top, bottom])));
        Assert.Empty(ChangeWalker.Walk(Path.Combine(upper, "none"), [top]));
    }

    [Fact]
    public void Mount_targets_the_engine_makes_and_directories_copied_up_for_them_are_left_out()
    {
        string lower = Folder("lower"), upper = Folder("upper");
        Write(lower, "etc/passwd");
        Write(upper, "etc/hosts");
        Write(upper, "etc/resolv.conf");
        Directory.CreateDirectory(Path.Combine(upper, "dev/pts"));
        Directory.CreateDirectory(Path.Combine(upper, "proc"));
        Write(upper, "dev/mine");
        Assert.Equal("C/dev A/dev/mine", Lines(ChangeWalker.Walk(upper, [lower])));
    }

    [RootFact]
    public async Task Whiteouts_are_deletions_and_an_opaque_directory_hides_the_image()
    {
        string lower = Folder("lower"), upper = Folder("upper");
        await LayerExtractor.ExtractAsync(Tar(Dir("bin/"), File("bin/vi", ""), File("bin/sh", ""), Dir("home/"), File("home/old", ""),
            File("gone", "")), lower, CancellationToken.None);
        await LayerExtractor.ExtractAsync(Tar(Dir("bin/"), File("bin/.wh.vi", ""), File(".wh.gone", ""), Dir("home/"),
            File("home/.wh..wh..opq", ""), File("home/old", "new")), upper, CancellationToken.None);
        Assert.Equal("C/bin D/bin/vi D/gone C/home A/home/old", Lines(ChangeWalker.Walk(upper, [lower])));
    }

    public void Dispose() => _dir.Dispose();
}
