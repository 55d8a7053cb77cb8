using Berth.Core.Errors;
using Berth.Engine.Content;

namespace Berth.Tests.Content;

public sealed class ContentStoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task Blobs_are_stored_by_their_sha256()
    {
        var store = new ContentStore(_dir.Path);
        var (digest, size) = await store.WriteAsync("hello"u8.ToArray(), CancellationToken.None);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest);
        Assert.Equal(5, size);
        Assert.True(store.Exists(digest));
        using var read = new StreamReader(store.Open(digest));
        Assert.Equal("hello", read.ReadToEnd());
    }

    [Fact]
    public async Task A_digest_mismatch_is_refused_and_leaves_nothing()
    {
        var store = new ContentStore(_dir.Path);
        string wrong = "sha256:" + new string('0', 64);
        await Assert.ThrowsAsync<BerthException>(() => store.WriteAsync(new MemoryStream("hello"u8.ToArray()), wrong, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_dir["sha256"]));
        Assert.Empty(Directory.GetFiles(_dir["ingest"]));
    }

    [Fact]
    public void A_malformed_digest_is_refused()
    {
        var store = new ContentStore(_dir.Path);
        Assert.Throws<BerthException>(() => store.PathOf("sha256:../../etc/passwd"));
    }

    public void Dispose() => _dir.Dispose();
}
