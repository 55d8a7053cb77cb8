using Berth.Core.Errors;
using Berth.Engine.Archive;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

/// <summary>Hostile layers: nothing outside the root may be touched, and the error names the entry.</summary>
public sealed class LayerExtractorSecurityTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Root => Directory.CreateDirectory(_dir["root/layer"]).FullName;

    private string Outside => Directory.CreateDirectory(_dir["outside"]).FullName;

    private async Task<BerthException> Refused(MemoryStream tar, string entry)
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(tar, Root, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(entry, e.Message);
        return e;
    }

    [Theory]
    [InlineData("../../etc/evil")]
    [InlineData("a/../../evil")]
    [InlineData("./../evil")]
    public async Task Dot_dot_entries_are_refused(string name)
    {
        await Refused(Tar(File(name, "x")), name);
        Assert.False(System.IO.File.Exists(_dir["evil"]));
        Assert.False(System.IO.File.Exists(_dir["root/evil"]));
    }

    [RootFact]
    public async Task Absolute_names_are_taken_relative_to_the_root()
    {
        await LayerExtractor.ExtractAsync(Tar(File("/etc/berth-test-absolute", "x")), Root, CancellationToken.None);
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "etc/berth-test-absolute")));
        Assert.False(System.IO.File.Exists("/etc/berth-test-absolute"));
    }

    [RootFact]
    public async Task Writing_through_an_absolute_symlink_is_refused()
    {
        await Refused(Tar(Symlink("a", Outside), File("a/passwd", "x")), "a/passwd");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    [RootFact]
    public async Task Writing_through_a_relative_symlink_is_refused()
    {
        await Refused(Tar(Symlink("a", "../.."), File("a/x", "x")), "a/x");
        await Refused(Tar(Symlink("d", "../.."), Dir("d/sub/")), "d/sub/");
        Assert.False(System.IO.File.Exists(_dir["x"]));
        Assert.False(Directory.Exists(_dir["sub"]));
    }

    [RootFact]
    public async Task Hardlinks_must_point_inside_the_root()
    {
        await Refused(Tar(HardLink("passwd", "../../../../etc/passwd")), "passwd");
        // Absolute targets are inside the root too, where there is no etc/passwd.
        await Refused(Tar(HardLink("passwd", "/etc/passwd")), "passwd");
        await Refused(Tar(Symlink("s", "/etc"), HardLink("passwd", "s/passwd")), "passwd");
        Assert.False(System.IO.File.Exists(Path.Combine(Root, "passwd")));
    }

    [RootFact]
    public async Task Whiteouts_cannot_name_the_parent()
    {
        string sibling = Directory.CreateDirectory(_dir["root/sibling"]).FullName;
        await Refused(Tar(File(".wh...", "")), ".wh...");
        await Refused(Tar(File("d/.wh..", "")), "d/.wh..");
        Assert.True(Directory.Exists(sibling));
        Assert.True(Directory.Exists(Root));
    }

    [RootFact]
    public async Task A_directory_replaced_by_a_symlink_does_not_get_its_times_set_through_it()
    {
        var before = Directory.GetLastWriteTimeUtc(Outside);
        await LayerExtractor.ExtractAsync(Tar(Dir("d/"), Symlink("d", Outside)), Root, CancellationToken.None);
        Assert.Equal(before, Directory.GetLastWriteTimeUtc(Outside));
    }

    public void Dispose() => _dir.Dispose();
}
