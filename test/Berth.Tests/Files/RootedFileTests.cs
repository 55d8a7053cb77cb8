using System.Diagnostics;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Tests.Files;

/// <summary>Files of a container's root read from the host side: resolved inside the root, regular and small only.</summary>
public sealed class RootedFileTests : IDisposable
{
    private readonly TempDir _dir = new();
    private string Root => _dir["root"];

    public RootedFileTests()
    {
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        File.WriteAllText(_dir["secret"], "host:x:0:0\n");
    }

    private static string Text(byte[]? bytes) => Encoding.UTF8.GetString(Assert.IsType<byte[]>(bytes));

    [Fact]
    public void Reads_a_regular_file_and_returns_null_when_missing()
    {
        File.WriteAllText(Path.Combine(Root, "etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", Text(RootedFile.TryReadAll(Root, "etc/passwd")));
        Assert.Null(RootedFile.TryReadAll(Root, "etc/group"));
        Assert.Null(RootedFile.TryReadAll(Root, "etc/passwd/x"));
    }

    [Fact]
    public void Symlinks_and_dot_dot_stay_inside_the_root()
    {
        File.WriteAllText(Path.Combine(Root, "secret"), "inside\n");
        // Relative escape, absolute link, and .. in the name itself: each lands on root/secret.
        File.CreateSymbolicLink(Path.Combine(Root, "etc/passwd"), "../../secret");
        File.CreateSymbolicLink(Path.Combine(Root, "etc/group"), "/secret");
        Assert.Equal("inside\n", Text(RootedFile.TryReadAll(Root, "etc/passwd")));
        Assert.Equal("inside\n", Text(RootedFile.TryReadAll(Root, "etc/group")));
        Assert.Equal("inside\n", Text(RootedFile.TryReadAll(Root, "../../../secret")));
        File.CreateSymbolicLink(Path.Combine(Root, "etc/shadow"), "../../nothing");
        Assert.Null(RootedFile.TryReadAll(Root, "etc/shadow"));
    }

    [Fact]
    public void Links_through_the_hosts_proc_and_loops_are_not_followed()
    {
        // /proc/self/root would lead out of any root; inside this one there is no /proc at all.
        File.CreateSymbolicLink(Path.Combine(Root, "etc/passwd"), "/proc/self/root" + _dir["secret"]);
        Assert.Null(RootedFile.TryReadAll(Root, "etc/passwd"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "proc"), "/proc"); // a loop, inside the root
        Assert.Contains("too many levels of symbolic links", Assert.Throws<BerthException>(() => RootedFile.TryReadAll(Root, "etc/passwd")).Message);
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        FileSystem.MakeNode(Path.Combine(Root, "etc/group"), FileSystem.NodeKind.Fifo, 0x1a4, 0, 0);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<BerthException>(() => RootedFile.TryReadAll(Root, "etc/group"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("/etc/group is a FIFO, not a regular file", e.Message);
        Directory.CreateDirectory(Path.Combine(Root, "etc/dir"));
        Assert.Contains("is a directory", Assert.Throws<BerthException>(() => RootedFile.TryReadAll(Root, "etc/dir")).Message);
    }

    [Fact]
    public void Oversize_files_are_refused()
    {
        string path = Path.Combine(Root, "etc/passwd");
        File.WriteAllBytes(path, new byte[100]);
        Assert.Equal(100, RootedFile.TryReadAll(Root, "etc/passwd", maxSize: 100)!.Length);
        File.WriteAllBytes(path, new byte[101]);
        var e = Assert.Throws<BerthException>(() => RootedFile.TryReadAll(Root, "etc/passwd", maxSize: 100));
        Assert.Equal("/etc/passwd is larger than 100 bytes", e.Message);
        using (var sparse = File.OpenWrite(path))
            sparse.SetLength(10L << 30);
        Assert.Throws<BerthException>(() => RootedFile.TryReadAll(Root, "etc/passwd"));
    }

    public void Dispose() => _dir.Dispose();
}
