using System.Formats.Tar;
using System.Runtime.ExceptionServices;
using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Engine.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// An untrusted archive read once, as it streams by, so its files can be used in any order
/// (<c>manifest.json</c> may come last) without spooling it to disk first. Files that look
/// like JSON are kept in memory; a <c>blobs/sha256/</c> file the content store holds already
/// is skipped; every other file is taken for a layer and goes straight through the
/// <see cref="Unpacker"/> into a prepared snapshot, its blob into the content store's ingest.
/// Which of those the manifest names is known only at the end: the rest are dropped when the
/// spool is disposed, and a file that failed to unpack is an error only if it is named as a
/// layer. Symlinks and hardlinks (old <c>docker save</c> links a repeated <c>layer.tar</c>)
/// are remembered as names and followed within the archive.
/// </summary>
internal sealed class ArchiveSpool(Unpacker unpacker) : IAsyncDisposable
{
    /// <summary>A JSON document this large is not an image's; past it, a file is taken for a layer.</summary>
    private const long LargeJson = 64 << 20;
    /// <summary>What all the JSON files of one archive may hold in memory, together.</summary>
    private const long JsonBudget = 256 << 20;

    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpooledFile> _files = new(StringComparer.Ordinal);
    private long _jsonBytes;

    /// <summary>
    /// One regular file of the archive: its bytes, or the layer it unpacked to, or why it did
    /// not, or the digest of the blob it names when the content store holds that already.
    /// </summary>
    private sealed class SpooledFile
    {
        public byte[]? Bytes;
        public UnpackedLayer? Layer;
        public ExceptionDispatchInfo? Failure;
        public string? StoredBlob;
    }

    /// <summary>What the archive and its layers may cost to unpack.</summary>
    public ArchiveLimits Limits => unpacker.Limits;

    public async Task FillAsync(Stream archive, CancellationToken ct)
    {
        try
        {
            await using var reader = new TarReader(await Decompression.OpenAsync(archive, Limits, ct));
            TarEntry? entry;
            long entries = 0;
            while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
            {
                Limits.CheckEntries(++entries);
                if (SafePath.Normalize(entry.Name) is not string relative)
                    continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        var file = StoredBlob(relative) is string digest ? new SpooledFile { StoredBlob = digest } : await SpoolAsync(entry, ct);
                        _links.Remove(relative);
                        if (_files.Remove(relative, out var replaced) && replaced.Layer is not null)
                            await replaced.Layer.DisposeAsync();
                        _files[relative] = file;
                        break;
                    case TarEntryType.SymbolicLink:
                        _links[relative] = Path.Combine(Path.GetDirectoryName(relative) ?? "", entry.LinkName);
                        break;
                    case TarEntryType.HardLink:
                        _links[relative] = entry.LinkName;
                        break;
                }
            }
        }
        catch (Exception e) when (MalformedTar.Is(e))
        {
            throw MalformedTar.Error("invalid archive", e);
        }
    }

    private async Task<SpooledFile> SpoolAsync(TarEntry entry, CancellationToken ct)
    {
        Stream data = entry.DataStream ?? Stream.Null;
        byte[] head = new byte[(int)Math.Min(entry.Length, 4096)];
        await data.ReadExactlyAsync(head, ct);
        if (LooksLikeJson(head) && entry.Length <= LargeJson && _jsonBytes + entry.Length <= JsonBudget)
        {
            byte[] all = new byte[entry.Length];
            head.CopyTo(all, 0);
            await data.ReadExactlyAsync(all.AsMemory(head.Length), ct);
            _jsonBytes += all.Length;
            return new SpooledFile { Bytes = all };
        }
        try
        {
            return new SpooledFile { Layer = await unpacker.ApplyAsync(new PrefixedStream(head, data), ct) };
        }
        catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
        {
            // Not a layer after all (a VERSION file), or a bad one: an error only if the manifest names it.
            return new SpooledFile { Failure = ExceptionDispatchInfo.Capture(e) };
        }
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        head = head.TrimStart(" \t\r\n"u8);
        return !head.IsEmpty && head[0] is (byte)'{' or (byte)'[';
    }

    /// <summary>
    /// The digest a <c>blobs/sha256/&lt;hex&gt;</c> file names, if the content store holds that
    /// blob: its bytes need not be read at all (a base layer loaded before, a config).
    /// </summary>
    private string? StoredBlob(string relative) =>
        relative.StartsWith("blobs/sha256/", StringComparison.Ordinal)
        && Digest.TryParse(Digest.Sha256 + ":" + relative["blobs/sha256/".Length..], out var digest)
        && unpacker.HasBlob(digest) ? digest.ToString() : null;

    public bool Exists(string name) => TryFind(name) is not null;

    /// <summary>A JSON file's bytes (a manifest, config or index).</summary>
    public async Task<byte[]> ReadAsync(string name, CancellationToken ct)
    {
        var file = Find(name);
        byte[]? bytes = file.StoredBlob is null ? file.Bytes : await unpacker.ReadBlobAsync(file.StoredBlob, LargeJson, ct);
        return bytes ?? throw BerthException.Invalid($"invalid archive: {name} is not a JSON document");
    }

    /// <summary>
    /// Whether the file is a blob the content store holds under <paramref name="diffId"/>: an
    /// uncompressed layer loaded before, whose bytes the archive's copy must equal.
    /// </summary>
    public bool IsStoredBlob(string name, string diffId) => Find(name).StoredBlob == diffId;

    /// <summary>
    /// The layer a file holds, unpacked already as it streamed by, or now from memory. Shared by
    /// every name that links to the file: the caller commits it once, then unpacks its blob again.
    /// </summary>
    public async Task<UnpackedLayer> LayerAsync(string name, CancellationToken ct)
    {
        var file = Find(name);
        file.Failure?.Throw();
        if (file.Layer is null)
        {
            try
            {
                file.Layer = file.StoredBlob is not null
                    ? await unpacker.ApplyStoredAsync(file.StoredBlob, ct)
                    : await unpacker.ApplyAsync(new MemoryStream(file.Bytes!, writable: false), ct);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.InvalidArgument)
            {
                file.Failure = ExceptionDispatchInfo.Capture(e);
                throw;
            }
        }
        return file.Layer;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values)
            if (file.Layer is not null)
                await file.Layer.DisposeAsync();
    }

    private SpooledFile Find(string name) => TryFind(name) ?? throw BerthException.Invalid($"invalid archive: {name} not found");

    private SpooledFile? TryFind(string name)
    {
        string? relative = LexicalNormalize(name);
        for (int hops = 0; relative is not null && hops < 16; hops++)
        {
            if (!_links.TryGetValue(relative, out string? target))
                return _files.GetValueOrDefault(relative);
            relative = LexicalNormalize(target);
        }
        return null;
    }

    /// <summary>Resolves <c>..</c> lexically, as a link target may use it; null if it leaves the archive.</summary>
    private static string? LexicalNormalize(string name)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
                parts.Add(part);
        }
        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
