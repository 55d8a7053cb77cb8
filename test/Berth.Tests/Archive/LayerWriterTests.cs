using System.Formats.Tar;
using Berth.Engine.Archive;
using Berth.Linux.Files;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

public sealed class LayerWriterTests : IDisposable
{
    private readonly TempDir _dir = new();

    private string Dir(string name) => Directory.CreateDirectory(_dir[name]).FullName;

    private static async Task<(MemoryStream Tar, LayerInfo Info)> Write(string root, LayerWriterOptions? options = null)
    {
        var tar = new MemoryStream();
        var info = await LayerWriter.WriteAsync(root, tar, options, CancellationToken.None);
        tar.Position = 0;
        return (tar, info);
    }

    private static MemoryStream Sample() => Tar(
        TarBuilder.Dir("etc/"), File("etc/motd", "hi\n", uid: 1000, mode: 0x9ed), HardLink("etc/hard", "etc/motd"),
        Symlink("etc/link", "motd"), File("etc/.wh.gone", ""), TarBuilder.Dir("opq/"), File("opq/.wh..wh..opq", ""),
        File("opq/kept", "k", pax: new Dictionary<string, string> { ["SCHILY.xattr.user.note"] = "n" }),
        new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null") { DeviceMajor = 1, DeviceMinor = 3, Mode = (UnixFileMode)0x1b6 },
        new PaxTarEntry(TarEntryType.Fifo, "dev/fifo") { Mode = (UnixFileMode)0x180 },
        File("a.b", "sorts after a/"), TarBuilder.Dir("a/"), File("a/x", "x"));

    [RootFact]
    public async Task Extract_write_extract_gives_the_same_tree()
    {
        string first = Dir("first"), second = Dir("second");
        await LayerExtractor.ExtractAsync(Sample(), first, CancellationToken.None);
        var (tar, info) = await Write(first);
        Assert.Equal(Sha256(tar), info.DiffId);
        Assert.Equal(tar.Length, info.TarSize);
        var back = await LayerExtractor.ExtractAsync(tar, second, CancellationToken.None);
        Assert.Equal(info.DiffId, back.DiffId);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(FileSystem.LStat(Path.Combine(second, "etc/motd")).Inode, FileSystem.LStat(Path.Combine(second, "etc/hard")).Inode);
        Assert.True(FileSystem.LStat(Path.Combine(second, "etc/gone")).IsWhiteout);
        Assert.Equal("y"u8.ToArray(), FileSystem.GetXattr(Path.Combine(second, "opq"), "trusted.overlay.opaque"));
    }

    [RootFact]
    public async Task Entries_are_sorted_whiteouts_converted_and_nothing_varies()
    {
        string root = Dir("root");
        await LayerExtractor.ExtractAsync(Sample(), root, CancellationToken.None);
        var (tar, info) = await Write(root);
        var names = new List<string>();
        using (var reader = new TarReader(tar))
            while (reader.GetNextEntry() is { } e)
            {
                names.Add(e.Name);
                // USTAR as Go's archive/tar writes short names; PAX only for the xattr.
                Assert.Equal(e.Name == "opq/kept" ? TarEntryFormat.Pax : TarEntryFormat.Ustar, e.Format);
                Assert.Equal("", ((PosixTarEntry)e).UserName);
            }
        // Only the xattr's entry has a PAX header, which .NET names after the writing process ("PaxHeaders.<pid>").
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.ASCII.GetString(tar.ToArray()), "PaxHeaders"));
        Assert.Equal(["a/", "a/x", "a.b", "dev/", "dev/fifo", "dev/null", "etc/", "etc/.wh.gone", "etc/hard", "etc/link", "etc/motd",
            "opq/", "opq/.wh..wh..opq", "opq/kept"], names);
        Assert.Equal(info.DiffId, (await Write(root)).Info.DiffId);
    }

    [RootFact]
    public async Task Clamped_times_make_layers_reproducible()
    {
        string root = Dir("root");
        await System.IO.File.WriteAllTextAsync(Path.Combine(root, "f"), "x");
        var clamp = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var one = await Write(root, new LayerWriterOptions { ClampTime = clamp });
        System.IO.File.SetLastWriteTimeUtc(Path.Combine(root, "f"), DateTime.UtcNow.AddMinutes(5));
        var two = await Write(root, new LayerWriterOptions { ClampTime = clamp });
        Assert.Equal(one.Info.DiffId, two.Info.DiffId);
        using var reader = new TarReader(two.Tar);
        Assert.Equal(clamp, reader.GetNextEntry()!.ModificationTime);
    }

    [RootFact]
    public async Task Written_into_a_pipe_the_tar_is_the_layer_tar_byte_for_byte()
    {
        string root = Dir("root");
        await LayerExtractor.ExtractAsync(Sample(), root, CancellationToken.None);
        // A body across two flushes, and one that ends a window exactly.
        var big = new byte[2 * PipeWriterStream.FlushEvery + 7];
        new Random(7).NextBytes(big);
        await System.IO.File.WriteAllBytesAsync(Path.Combine(root, "a/big"), big);
        await System.IO.File.WriteAllBytesAsync(Path.Combine(root, "a/one"), big.AsMemory(0, PipeWriterStream.FlushEvery - 3 * 512).ToArray());
        var (layer, _) = await Write(root);

        Assert.Equal(layer.ToArray(), await ThroughPipe(output => LayerWriter.WriteContentsAsync(root, output, CancellationToken.None)));
        // cp's tree: the same entries under the directory's own name.
        using var reader = new TarReader(new MemoryStream(await ThroughPipe(output => LayerWriter.WriteTreeAsync(Path.Combine(root, "a"), "a", output, CancellationToken.None))));
        var entries = new List<(string, long)>();
        while (reader.GetNextEntry(copyData: true) is { } e)
        {
            entries.Add((e.Name, e.Length));
            if (e.Name == "a/big")
                Assert.Equal(big, ((MemoryStream)e.DataStream!).ToArray());
        }
        Assert.Equal([("a/", 0L), ("a/big", big.Length), ("a/one", PipeWriterStream.FlushEvery - 3 * 512), ("a/x", 1L)], entries);
    }

    /// <summary>What the writer puts into a pipe, read on the other side while it writes (the pipe pauses a writer that runs ahead).</summary>
    private static async Task<byte[]> ThroughPipe(Func<System.IO.Pipelines.PipeWriter, Task> write)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var reading = Task.Run(async () =>
        {
            var all = new MemoryStream();
            await pipe.Reader.CopyToAsync(all);
            return all.ToArray();
        });
        await write(pipe.Writer);
        await pipe.Writer.CompleteAsync();
        return await reading;
    }

    /// <summary>Everything that must survive a round trip, one line per path.</summary>
    // Whiteouts carry no time of their own: like Docker, the extractor makes them with mknod at extraction time.
    private static string Describe(string root) => string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(path =>
        {
            var s = FileSystem.LStat(path);
            string content = s.Kind == FileKind.Regular ? System.IO.File.ReadAllText(path) : s.Kind == FileKind.Symlink ? new FileInfo(path).LinkTarget! : "";
            string xattrs = string.Join(',', FileSystem.GetXattrs(path).Select(x => x.Key + "=" + Convert.ToHexString(x.Value)));
            return $"{Path.GetRelativePath(root, path)} {s.Kind} {s.Permissions:x} {s.Uid}:{s.Gid} {s.RDevMajor},{s.RDevMinor} {s.Links} "
                + $"{(s.Kind == FileKind.Directory || s.IsWhiteout ? "" : s.Modified.ToUnixTimeSeconds())} {content} {xattrs}";
        }));

    public void Dispose() => _dir.Dispose();
}
