using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Linux.Files;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

/// <summary>
/// <c>docker cp</c> into a stopped container rewrites a plain file in place; anything a new file
/// would not be the same as (another name for it, a symlink, xattrs) is still replaced.
/// </summary>
public sealed class LayerExtractorRewriteTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Root => Directory.CreateDirectory(_dir["root"]).FullName;

    private string Outside => Directory.CreateDirectory(_dir["outside"]).FullName;

    private string At(string relative) => Path.Combine(Root, relative);

    private static readonly ExtractOptions Cp = new() { Whiteouts = false, Owner = (0, 0), NoOverwriteDirNonDir = true, RewriteInPlace = true };

    private Task Extract(MemoryStream tar, ExtractOptions options) => LayerExtractor.ExtractIntoAsync(tar, Root, options, CancellationToken.None);

    [RootFact]
    public async Task A_plain_file_is_written_over_in_place_shorter_or_longer()
    {
        System.IO.File.WriteAllText(At("short"), "old content, longer than the new");
        System.IO.File.WriteAllText(At("long"), "old");
        ulong shortInode = FileSystem.LStat(At("short")).Inode, longInode = FileSystem.LStat(At("long")).Inode;
        using var shortBefore = System.IO.File.OpenRead(At("short")); // the same file: it sees the new content
        await Extract(Tar(File("short", "new", mode: 0x1ed), File("long", "new content, longer than the old")), Cp);
        var status = FileSystem.LStat(At("short"));
        Assert.Equal((shortInode, 0x1edu, 3L), (status.Inode, status.Permissions, status.Size));
        Assert.Equal("new", System.IO.File.ReadAllText(At("short")));
        Assert.Equal("new", new StreamReader(shortBefore).ReadToEnd());
        Assert.Equal(longInode, FileSystem.LStat(At("long")).Inode);
        Assert.Equal("new content, longer than the old", System.IO.File.ReadAllText(At("long")));
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), status.Modified);
    }

    [RootFact]
    public async Task Hardlinked_symlinked_and_xattr_carrying_files_are_replaced()
    {
        System.IO.File.WriteAllText(At("linked"), "old");
        FileSystem.HardLink(At("linked"), At("other-name"));
        string victim = Path.Combine(Outside, "victim");
        System.IO.File.WriteAllText(victim, "host file");
        System.IO.File.CreateSymbolicLink(At("symlink"), victim);
        System.IO.File.WriteAllText(At("tagged"), "old");
        FileSystem.SetXattr(At("tagged"), "user.berth-test", "x"u8.ToArray());
        using var taggedBefore = System.IO.File.OpenRead(At("tagged")); // still the old file if replaced

        await Extract(Tar(File("linked", "new"), File("symlink", "new"), File("tagged", "new")), Cp);

        Assert.Equal("new", System.IO.File.ReadAllText(At("linked")));
        Assert.Equal("old", System.IO.File.ReadAllText(At("other-name")));
        Assert.Equal(1ul, FileSystem.LStat(At("linked")).Links);
        Assert.Equal(FileKind.Regular, FileSystem.LStat(At("symlink")).Kind);
        Assert.Equal("host file", System.IO.File.ReadAllText(victim));
        Assert.Equal("old", new StreamReader(taggedBefore).ReadToEnd());
        Assert.Equal("new", System.IO.File.ReadAllText(At("tagged")));
        Assert.Empty(FileSystem.GetXattrs(At("tagged")));
    }

    [RootFact]
    public async Task Without_the_option_a_file_is_replaced_by_a_new_one()
    {
        System.IO.File.WriteAllText(At("f"), "old");
        using var before = System.IO.File.OpenRead(At("f"));
        await Extract(Tar(File("f", "new")), Cp with { RewriteInPlace = false });
        Assert.Equal("old", new StreamReader(before).ReadToEnd());
        Assert.Equal("new", System.IO.File.ReadAllText(At("f")));
    }

    [RootFact]
    public async Task A_directory_swapped_for_a_symlink_between_two_of_its_files_is_refused()
    {
        var tar = Tar(Dir("d/"), File("d/a", "1"), Symlink("d", Outside), File("d/b", "2"));
        var e = await Assert.ThrowsAsync<BerthException>(() => Extract(tar, Cp with { NoOverwriteDirNonDir = false }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("d/b", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Outside));
    }

    public void Dispose() => _dir.Dispose();
}
