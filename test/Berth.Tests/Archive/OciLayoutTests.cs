using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Archive;
using Berth.Engine.Content;
using Berth.Engine.Images;
using Berth.Engine.Snapshots.Overlay;
using static Berth.Tests.Archive.TarBuilder;

namespace Berth.Tests.Archive;

/// <summary>Hostile OCI layouts: index cycles, deep nesting and fan-out are refused, quickly.</summary>
public sealed class OciLayoutTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static string IndexOf(params string[] digests) =>
        $$"""{"schemaVersion":2,"manifests":[{{string.Join(",", digests.Select(d =>
            $$$"""{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"{{{d}}}","size":1}"""))}}]}""";

    private static PaxTarEntry Entry(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    private static PaxTarEntry Blob(string text) => Entry("blobs/sha256/" + Digest.FromBytes(Encoding.UTF8.GetBytes(text)).Hex, text);

    private async Task<BerthException> Refused(params TarEntry[] entries)
    {
        await using var spool = new ArchiveSpool(new Unpacker(new ContentStore(_dir["content"]), new OverlaySnapshotter(_dir["overlay"])));
        await spool.FillAsync(Tar(entries), CancellationToken.None);
        var load = OciLayout.ReadIndexAsync(spool, "index.json", [], CancellationToken.None);
        Assert.True(await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10))) == load, "the walk did not end");
        var e = await Assert.ThrowsAsync<BerthException>(() => load);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        return e;
    }

    [Fact]
    public async Task An_index_that_names_itself_is_refused()
    {
        // The reported 2 KB archive: index.json names blob H, and blob H holds the same bytes
        // (blob names are not checked against their content while the layout is walked).
        string hex = new string('e', 64), self = IndexOf("sha256:" + hex);
        var e = await Refused(Entry("index.json", self), Entry("blobs/sha256/" + hex, self));
        Assert.Contains("names itself", e.Message);
    }

    [Fact]
    public async Task A_cycle_through_two_indexes_is_refused()
    {
        string hexA = new string('a', 64), hexB = new string('b', 64);
        var e = await Refused(Entry("index.json", IndexOf("sha256:" + hexA)),
            Entry("blobs/sha256/" + hexA, IndexOf("sha256:" + hexB)), Entry("blobs/sha256/" + hexB, IndexOf("sha256:" + hexA)));
        Assert.Contains($"index blobs/sha256/{hexA} names itself", e.Message);
    }

    [Fact]
    public async Task Indexes_nested_deeper_than_the_limit_are_refused()
    {
        var entries = new List<TarEntry>();
        string next = IndexOf("sha256:" + new string('f', 64));
        for (int level = 0; level < ArchiveLimits.Default.MaxIndexDepth + 2; level++)
        {
            entries.Add(Blob(next));
            next = IndexOf(Digest.FromBytes(Encoding.UTF8.GetBytes(next)));
        }
        entries.Add(Entry("index.json", next));
        var e = await Refused([.. entries]);
        Assert.Contains($"nested more than {ArchiveLimits.Default.MaxIndexDepth} deep", e.Message);
    }

    [Fact]
    public async Task Fan_out_through_shared_indexes_is_bounded()
    {
        // Each level names the next one 16 times: 16^6 walks without a bound, no cycle, depth 6.
        var entries = new List<TarEntry>();
        string leaf = """{"schemaVersion":2,"manifests":[]}""";
        entries.Add(Blob(leaf));
        string current = leaf;
        for (int level = 0; level < 6; level++)
        {
            string digest = Digest.FromBytes(Encoding.UTF8.GetBytes(current));
            current = IndexOf(Enumerable.Repeat(digest, 16).ToArray());
            entries.Add(Blob(current));
        }
        entries.Add(Entry("index.json", current));
        var e = await Refused([.. entries]);
        Assert.Contains($"more than {OciLayout.MaxIndexes} image indexes", e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
