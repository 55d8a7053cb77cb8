using System.Formats.Tar;
using System.IO.Compression;
using Berth.Core.Errors;
using Berth.Engine.Archive;

namespace Berth.Tests.Archive;

public sealed class LayerExtractorTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Root => Directory.CreateDirectory(_dir["root"]).FullName;

    private static MemoryStream Tar(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
            foreach (var e in entries)
                tar.WriteEntry(e);
        buffer.Position = 0;
        return buffer;
    }

    private static PaxTarEntry File(string name, string text, int uid = 0) => new(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), Uid = uid, Gid = uid, Mode = (UnixFileMode)0x1a4,
    };

    private static PaxTarEntry Dir(string name) => new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ed };

    [RootFact]
    public async Task Unpacks_files_dirs_links_and_ownership_and_hashes_the_tar()
    {
        var tar = Tar(Dir("etc/"), File("etc/motd", "hi\n", uid: 1000),
            new PaxTarEntry(TarEntryType.SymbolicLink, "etc/link") { LinkName = "/etc/motd" },
            new PaxTarEntry(TarEntryType.HardLink, "etc/hard") { LinkName = "etc/motd" },
            new PaxTarEntry(TarEntryType.Fifo, "fifo") { Mode = (UnixFileMode)0x1a4 });
        string expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tar.ToArray()));

        var info = await LayerExtractor.ExtractAsync(tar, Root, CancellationToken.None);
        Assert.Equal(expected, info.DiffId);
        Assert.Equal("hi\n", System.IO.File.ReadAllText(Path.Combine(Root, "etc/motd")));
        Assert.Equal("/etc/motd", new FileInfo(Path.Combine(Root, "etc/link")).LinkTarget);
        Assert.Equal("hi\n", System.IO.File.ReadAllText(Path.Combine(Root, "etc/hard")));
        var stat = await RunStat(Path.Combine(Root, "etc/motd"));
        Assert.Equal("1000:1000:644", stat);
        Assert.Equal("fifo", await RunStatType(Path.Combine(Root, "fifo")));
    }

    [RootFact]
    public async Task Gzip_layers_are_recognised_and_the_diff_id_is_of_the_uncompressed_tar()
    {
        var tar = Tar(File("a", "x"));
        string expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tar.ToArray()));
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            tar.CopyTo(z);
        gz.Position = 0;
        var info = await LayerExtractor.ExtractAsync(gz, Root, CancellationToken.None);
        Assert.Equal(expected, info.DiffId);
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "a")));
    }

    [RootFact]
    public async Task Whiteouts_become_overlay_whiteouts()
    {
        await LayerExtractor.ExtractAsync(Tar(Dir("d/"), File("d/.wh.gone", ""), File("o/.wh..wh..opq", "")), Root, CancellationToken.None);
        Assert.Equal("character special file 0,0", await RunStatType(Path.Combine(Root, "d/gone"), "%F %t,%T"));
        Assert.False(System.IO.File.Exists(Path.Combine(Root, "d/.wh.gone")));
        var xattr = await Berth.Tests.Shell.RunAsync("getfattr", "-n", "trusted.overlay.opaque", "--only-values", Path.Combine(Root, "o"));
        Assert.Equal("y", xattr.Trim());
    }

    [Theory]
    [InlineData("../../etc/evil")]
    [InlineData("a/../../evil")]
    public async Task Entries_leaving_the_root_are_refused(string name)
    {
        var e = await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(Tar(File(name, "x")), Root, CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(name, e.Message);
        Assert.False(System.IO.File.Exists(_dir["evil"]));
    }

    [RootFact]
    public async Task Writing_through_a_symlink_is_refused()
    {
        string outside = Directory.CreateDirectory(_dir["outside"]).FullName;
        var tar = Tar(new PaxTarEntry(TarEntryType.SymbolicLink, "esc") { LinkName = outside }, File("esc/pwned", "x"));
        await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(tar, Root, CancellationToken.None));
        Assert.False(System.IO.File.Exists(Path.Combine(outside, "pwned")));

        var relative = Tar(new PaxTarEntry(TarEntryType.SymbolicLink, "up") { LinkName = "../.." }, File("up/x", "x"));
        await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(relative, Root, CancellationToken.None));
    }

    [Fact]
    public async Task Hardlinks_to_outside_paths_are_refused()
    {
        var tar = Tar(new PaxTarEntry(TarEntryType.HardLink, "passwd") { LinkName = "../../../../etc/passwd" });
        await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(tar, Root, CancellationToken.None));
    }

    [Fact]
    public async Task A_truncated_archive_is_a_clear_error()
    {
        byte[] whole = Tar(File("a", new string('x', 5000))).ToArray();
        var e = await Assert.ThrowsAsync<BerthException>(() => LayerExtractor.ExtractAsync(new MemoryStream(whole[..1000]), Root, CancellationToken.None));
        Assert.Contains("invalid tar archive", e.Message);
    }

    private static async Task<string> RunStat(string path) => (await Berth.Tests.Shell.RunAsync("stat", "-c", "%u:%g:%a", path)).Trim();

    private static async Task<string> RunStatType(string path, string format = "%F") => (await Berth.Tests.Shell.RunAsync("stat", "-c", format, path)).Trim();

    public void Dispose() => _dir.Dispose();
}
