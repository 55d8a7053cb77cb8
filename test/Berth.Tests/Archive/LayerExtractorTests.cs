using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Engine.Archive;
using Berth.Linux.Files;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

public sealed class LayerExtractorTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Root => Directory.CreateDirectory(_dir["root"]).FullName;

    private string At(string relative) => Path.Combine(Root, relative);

    private Task<LayerInfo> Extract(Stream tar) => LayerExtractor.ExtractAsync(tar, Root, CancellationToken.None);

    [RootFact]
    public async Task Unpacks_files_dirs_links_and_ownership_and_hashes_the_tar()
    {
        var tar = Tar(Dir("etc/"), File("etc/motd", "hi\n", uid: 1000), Symlink("etc/link", "/etc/motd"),
            HardLink("etc/hard", "etc/motd"), new PaxTarEntry(TarEntryType.Fifo, "fifo") { Mode = (UnixFileMode)0x1a4 });
        var info = await Extract(tar);
        Assert.Equal(Sha256(tar), info.DiffId);
        Assert.Equal(tar.Length, info.TarSize);
        Assert.Equal(3 + "/etc/motd".Length, info.Size); // the file once, the symlink by its target, as dockerd
        Assert.Equal(TreeSize.Of(Root), info.Size);
        Assert.Null(info.CompressedDigest);
        Assert.Equal("hi\n", System.IO.File.ReadAllText(At("etc/motd")));
        Assert.Equal("/etc/motd", new FileInfo(At("etc/link")).LinkTarget);
        var motd = FileSystem.LStat(At("etc/motd"));
        Assert.Equal((1000, 1000, 0x1a4u, 2ul), (motd.Uid, motd.Gid, motd.Permissions, motd.Links));
        Assert.Equal(motd.Inode, FileSystem.LStat(At("etc/hard")).Inode);
        Assert.Equal(FileKind.Fifo, FileSystem.LStat(At("fifo")).Kind);
    }

    [RootFact]
    public async Task Gzip_layers_are_recognised_and_both_digests_reported()
    {
        var tar = Tar(File("a", "x"));
        var gz = Gzip(tar);
        var info = await Extract(gz);
        Assert.Equal(Sha256(tar), info.DiffId);
        Assert.Equal(Sha256(gz), info.CompressedDigest);
        Assert.True(System.IO.File.Exists(At("a")));
    }

    [RootFact]
    public async Task Zstd_layers_are_recognised_and_both_digests_reported()
    {
        var tar = Tar(File("a", "x"));
        var zst = new MemoryStream();
        using (var compressor = new ZstdSharp.CompressionStream(zst, level: 3, leaveOpen: true))
            tar.CopyTo(compressor);
        tar.Position = 0;
        zst.Position = 0;
        var info = await Extract(zst);
        Assert.Equal(Sha256(tar), info.DiffId);
        Assert.Equal(Sha256(zst), info.CompressedDigest);
        Assert.Equal("x", System.IO.File.ReadAllText(At("a")));
    }

    [RootFact]
    public async Task Modes_times_and_devices_are_kept()
    {
        await Extract(Tar(Dir("d/", 0x3ff), File("d/suid", "x", mode: 0x9ed), Dir("tmp/", 0x3ff | 0x200), Symlink("d/l", "suid"),
            new PaxTarEntry(TarEntryType.CharacterDevice, "null") { DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0x1b6 },
            new PaxTarEntry(TarEntryType.BlockDevice, "loop") { DeviceMajor = 7, DeviceMinor = 300, Mode = (UnixFileMode)0x180, Uid = 5, Gid = 6 }));
        Assert.Equal(0x9edu, FileSystem.LStat(At("d/suid")).Permissions);
        Assert.Equal(0x3ffu, FileSystem.LStat(At("tmp")).Permissions & 0x3ff);
        Assert.Equal(0x200u, FileSystem.LStat(At("tmp")).Permissions & 0x200);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero), FileSystem.LStat(At("d/suid")).Modified);
        Assert.Equal(new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero), FileSystem.LStat(At("d")).Modified);
        Assert.Equal(new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero), FileSystem.LStat(At("d/l")).Modified);
        var null_ = FileSystem.LStat(At("null"));
        Assert.Equal((FileKind.CharDevice, 1u, 3u, 0x1b6u), (null_.Kind, null_.RDevMajor, null_.RDevMinor, null_.Permissions));
        var loop = FileSystem.LStat(At("loop"));
        Assert.Equal((FileKind.BlockDevice, 7u, 300u, 5, 6), (loop.Kind, loop.RDevMajor, loop.RDevMinor, loop.Uid, loop.Gid));
    }

    [RootFact]
    public async Task Pax_xattrs_are_set_after_chown_but_overlay_ones_are_ignored()
    {
        // cap_net_raw+ep in the v2 format: every byte below 0x80, as a string value carries it.
        string capability = "\u0001\0\0\u0002\0\u0020\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
        var pax = new Dictionary<string, string>
        {
            ["SCHILY.xattr.user.note"] = "hello", ["SCHILY.xattr.security.capability"] = capability,
            ["SCHILY.xattr.trusted.overlay.redirect"] = "/etc",
        };
        await Extract(Tar(File("ping", "x", uid: 7, pax: pax)));
        var xattrs = FileSystem.GetXattrs(At("ping"));
        Assert.Equal("hello"u8.ToArray(), xattrs["user.note"]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(capability), xattrs["security.capability"]);
        Assert.False(xattrs.ContainsKey("trusted.overlay.redirect"));
    }

    [RootFact]
    public async Task Whiteouts_become_overlay_whiteouts()
    {
        await Extract(Tar(Dir("d/"), File("d/.wh.gone", ""), File("o/.wh..wh..opq", "")));
        var gone = FileSystem.LStat(At("d/gone"));
        Assert.True(gone.IsWhiteout);
        Assert.False(System.IO.File.Exists(At("d/.wh.gone")));
        Assert.False(System.IO.File.Exists(At("o/.wh..wh..opq")));
        Assert.Equal("y"u8.ToArray(), FileSystem.GetXattr(At("o"), "trusted.overlay.opaque"));
    }

    [RootFact]
    public async Task Later_entries_replace_earlier_ones_of_another_kind()
    {
        await Extract(Tar(Dir("a/"), File("a/x", "1"), File("a", "now a file"), Symlink("b", "/etc/passwd"), File("b", "plain")));
        Assert.Equal("now a file", System.IO.File.ReadAllText(At("a")));
        Assert.Null(new FileInfo(At("b")).LinkTarget);
        Assert.Equal("plain", System.IO.File.ReadAllText(At("b")));
    }

    [Fact]
    public async Task Truncated_and_unsupported_archives_are_clear_errors()
    {
        byte[] whole = Tar(File("a", new string('x', 5000))).ToArray();
        var e = await Assert.ThrowsAsync<BerthException>(() => Extract(new MemoryStream(whole[..1000])));
        Assert.Contains("invalid tar archive", e.Message);
        var zstd = await Assert.ThrowsAsync<BerthException>(() => Extract(new MemoryStream([0x28, 0xb5, 0x2f, 0xfd, 0, 0])));
        Assert.StartsWith("invalid tar archive", zstd.Message);
        var xz = await Assert.ThrowsAsync<BerthException>(() => Extract(new MemoryStream([0xfd, (byte)'7', (byte)'z', (byte)'X', 0, 0])));
        Assert.Equal("xz-compressed archives are not supported", xz.Message);
    }

    public void Dispose() => _dir.Dispose();
}
