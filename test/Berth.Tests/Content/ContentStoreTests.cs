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
    public async Task A_writer_commits_under_the_digest_computed_on_the_way_or_leaves_nothing()
    {
        var store = new ContentStore(_dir.Path);
        await using (var abandoned = store.CreateWriter())
            await abandoned.WriteAsync("partial"u8.ToArray(), CancellationToken.None);
        Assert.Empty(Directory.GetFiles(_dir["ingest"]));
        Assert.Empty(store.Walk());

        await using var writer = store.CreateWriter();
        await writer.WriteAsync("hel"u8.ToArray(), CancellationToken.None);
        await writer.WriteAsync("lo"u8.ToArray(), CancellationToken.None);
        const string hello = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        Assert.Equal(hello, await writer.DigestAsync(CancellationToken.None));
        Assert.Equal(hello, await writer.CommitAsync(hello, CancellationToken.None));
        Assert.Equal(5, writer.Size);
        Assert.Equal([hello], store.Walk());
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
