using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Engine.Build;

namespace Berth.Tests.Build;

/// <summary>Receiving a build context: its index, .dockerignore, the Dockerfile's lookup, and the docker CLI's unterminated tars.</summary>
public sealed class BuildContextTests
{
    private static MemoryStream Tar(params (string Name, string? Content, string? Link)[] entries)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content, link) in entries)
            {
                if (link is not null)
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = link });
                else if (content is null)
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 });
                else
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), Mode = (UnixFileMode)0b110_100_100 });
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static MemoryStream IgnoringContext() => Tar(("Dockerfile", "FROM scratch\n", null), (".dockerignore", "logs\n!logs/keep.log\n*.key\n", null),
        ("logs/", null, null), ("logs/a.log", "a", null), ("logs/keep.log", "k", null), ("id.key", "s", null), ("main.c", "m", null));

    [RootFact]
    public async Task Dockerignore_removes_what_it_excludes_and_keeps_its_exceptions()
    {
        foreach (bool unpackNow in new[] { false, true })
        {
            using var dir = new TempDir();
            using var tar = IgnoringContext();
            var context = await BuildContext.ReceiveAsync(tar, dir.Path, "Dockerfile", unpackNow, CancellationToken.None);
            Assert.Equal("FROM scratch\n", context.DockerfileText);
            string root = await context.ExtractAsync(CancellationToken.None);
            Assert.True(File.Exists(Path.Combine(root, "main.c")));
            Assert.True(File.Exists(Path.Combine(root, "logs/keep.log")));
            Assert.False(File.Exists(Path.Combine(root, "logs/a.log")));
            Assert.False(File.Exists(Path.Combine(root, "id.key")));
            context.Dispose();
            await context.Removed;
            Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path)); // spool and files gone
        }
    }

    [Fact]
    public async Task The_index_describes_the_files_without_unpacking_them_and_leaves_out_what_dockerignore_excludes()
    {
        using var dir = new TempDir();
        using var tar = IgnoringContext();
        var context = await BuildContext.ReceiveAsync(tar, dir.Path, "Dockerfile", unpackNow: false, CancellationToken.None);
        using var removal = new Disposal(context);
        Assert.False(Directory.Exists(context.Root)); // nothing unpacked until a step needs the files
        var index = context.Index!;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData("m"u8), index.ContentHash("main.c"));
        Assert.Equal((Berth.Linux.Files.FileKind.Regular, 0b110_100_100u), index.Stat("main.c"));
        Assert.NotNull(index.Stat("logs/keep.log"));
        Assert.Null(index.Stat("logs/a.log"));
        Assert.Null(index.Stat("id.key"));
        Assert.Equal([".dockerignore", "Dockerfile", "logs", "main.c"], index.Children(""));
    }

    /// <summary>Disposes the context and waits for its files to go, before the test's directory goes.</summary>
    private sealed class Disposal(BuildContext context) : IDisposable
    {
        public void Dispose()
        {
            context.Dispose();
            context.Removed.GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task A_missing_Dockerfile_or_one_behind_a_symlink_is_reported_as_dockers()
    {
        using var dir = new TempDir();
        using var missing = Tar(("main.c", "m", null));
        var e = await Assert.ThrowsAsync<BerthException>(() => BuildContext.ReceiveAsync(missing, dir.Path, "Dockerfile", false, CancellationToken.None));
        Assert.Equal("Cannot locate specified Dockerfile: Dockerfile", e.Message);

        using var linked = Tar(("sub", null, "/etc"));
        e = await Assert.ThrowsAsync<BerthException>(() => BuildContext.ReceiveAsync(linked, dir.Path, "sub/passwd", false, CancellationToken.None));
        Assert.Equal("Cannot locate specified Dockerfile: sub/passwd", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path)); // nothing left behind
    }

    [Fact]
    public async Task A_tar_without_its_last_padding_and_end_blocks_reads_to_the_end()
    {
        using var full = Tar(("a", "first", null), ("b", "last entry", null));
        byte[] bytes = full.ToArray();
        // As the docker CLI sends it: the last entry's 10 bytes, then nothing.
        int cut = 512 + 512 + 512 + 512 + 10; // a's PAX header, header, data block; b's PAX header, header, data
        var reader = new TarReader(new TarTailStream(new MemoryStream(bytes[..FindCut(bytes, cut)])));
        var names = new List<string>();
        while (await reader.GetNextEntryAsync() is { } entry)
            names.Add(entry.Name);
        Assert.Equal(["a", "b"], names);
    }

    // PAX headers vary in size; find where b's data ("last entry") ends.
    private static int FindCut(byte[] bytes, int guess)
    {
        var marker = "last entry"u8.ToArray();
        for (int i = 0; i < bytes.Length - marker.Length; i++)
            if (bytes.AsSpan(i, marker.Length).SequenceEqual(marker))
                return i + marker.Length;
        return guess;
    }
}
