using System.Formats.Tar;
using Berth.Core.Errors;

namespace Berth.Engine.Archive;

/// <summary>
/// An untrusted archive unpacked into a private directory so its files can be read in any
/// order (<c>manifest.json</c> may come last). Only regular files are written, under
/// <see cref="SafePath"/>'s rules; symlinks and hardlinks (old <c>docker save</c> links a
/// repeated <c>layer.tar</c>) are remembered as names and followed only within the spool.
/// </summary>
internal sealed class ArchiveSpool(string directory)
{
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    public async Task FillAsync(Stream archive, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        try
        {
            await using var reader = new TarReader(await Decompression.OpenAsync(archive, ct));
            TarEntry? entry;
            while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
            {
                if (SafePath.Normalize(entry.Name) is not string relative)
                    continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        await using (var file = new FileStream(SafePath.Resolve(directory, relative, entry.Name), FileMode.Create, FileAccess.Write))
                            if (entry.DataStream is not null)
                                await entry.DataStream.CopyToAsync(file, ct);
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
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw BerthException.Invalid($"invalid archive: {e.Message}");
        }
    }

    public bool Exists(string name) => TryFind(name) is not null;

    /// <summary>The spooled file an archive path names, following the archive's own links.</summary>
    public string Find(string name) => TryFind(name) ?? throw BerthException.Invalid($"invalid archive: {name} not found");

    public Task<byte[]> ReadAsync(string name, CancellationToken ct) => File.ReadAllBytesAsync(Find(name), ct);

    private string? TryFind(string name)
    {
        string? relative = LexicalNormalize(name);
        for (int hops = 0; relative is not null && hops < 16; hops++)
        {
            if (!_links.TryGetValue(relative, out string? target))
            {
                string path = SafePath.Resolve(directory, relative, name);
                return File.Exists(path) ? path : null;
            }
            relative = LexicalNormalize(target);
        }
        return null;
    }

    /// <summary>Resolves <c>..</c> lexically, as a link target may use it; null if it leaves the spool.</summary>
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
