using Berth.Linux.Files;

namespace Berth.Tests.Files;

public sealed class TreeSizeTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void Counts_files_once_and_symlinks_by_their_target_without_following_them()
    {
        Directory.CreateDirectory(_dir["a/b"]);
        File.WriteAllText(_dir["a/b/data"], "12345");
        FileSystem.HardLink(_dir["a/b/data"], _dir["a/again"]);
        File.CreateSymbolicLink(_dir["a/link"], "b/data");
        File.WriteAllBytes(_dir["outside"], new byte[1000]);
        File.CreateSymbolicLink(_dir["a/b/up"], _dir.Path); // a directory outside the walked tree

        Assert.Equal(5 + "b/data".Length + _dir.Path.Length, TreeSize.Of(_dir["a"]));
    }

    [Fact]
    public void A_missing_directory_holds_nothing() => Assert.Equal(0, TreeSize.Of(_dir["gone"]));

    public void Dispose() => _dir.Dispose();
}
