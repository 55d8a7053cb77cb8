using Berth.Core.Errors;
using Berth.Engine.Archive;

namespace Berth.Tests.Archive;

/// <summary>A tar entry's content is exactly the size its header gives, or the archive fails.</summary>
public sealed class FileContentStreamTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task Reads_exactly_the_size_given_and_fails_when_the_file_shrank()
    {
        string path = _dir["f"];
        await File.WriteAllTextAsync(path, "0123456789");
        var copy = new MemoryStream();
        await using (var grown = new FileContentStream(path, 4)) // grew after its lstat: the rest is left out
            await grown.CopyToAsync(copy);
        Assert.Equal("0123", System.Text.Encoding.ASCII.GetString(copy.ToArray()));
        await using var shrank = new FileContentStream(path, 20);
        var e = await Assert.ThrowsAsync<BerthException>(() => shrank.CopyToAsync(new MemoryStream()));
        Assert.Contains("shrank", e.Message);
        await using var shrankIntoPipe = new FileContentStream(path, 20);
        var piped = await Assert.ThrowsAsync<BerthException>(() => shrankIntoPipe.CopyToAsync(new PipeWriterStream(new System.IO.Pipelines.Pipe().Writer)));
        Assert.Contains("shrank", piped.Message);
    }

    [Fact]
    public void A_symlink_is_not_followed()
    {
        string target = _dir["target"];
        File.WriteAllText(target, "x");
        File.CreateSymbolicLink(_dir["link"], target);
        Assert.Throws<BerthException>(() => new FileContentStream(_dir["link"], 1));
    }

    public void Dispose() => _dir.Dispose();
}
