using System.Formats.Tar;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Engine.Archive;

/// <summary>
/// Applies an image layer (a tar, maybe gzip-compressed) to a directory used as an overlay
/// layer: OCI whiteouts become overlay whiteouts (<c>.wh.x</c> → char device 0/0 <c>x</c>,
/// <c>.wh..wh..opq</c> → <c>trusted.overlay.opaque=y</c>).
/// The archive is untrusted: an entry with a <c>..</c> component, or one that would be
/// written through a symlink, is refused with its name; nothing outside the root is touched.
/// Leading slashes are stripped, as Docker does.
/// </summary>
public static class LayerExtractor
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    public static async Task<LayerInfo> ExtractAsync(Stream layer, string root, CancellationToken ct)
    {
        await using var hashing = new HashingStream(await Decompression.OpenAsync(layer, ct));
        var directories = new List<(string Path, DateTime Time)>();
        long size = 0;
        try
        {
            await using (var reader = new TarReader(hashing, leaveOpen: true))
            {
                TarEntry? entry;
                while ((entry = await reader.GetNextEntryAsync(copyData: false, ct)) is not null)
                {
                    if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                        continue;
                    string? relative = SafePath.Normalize(entry.Name);
                    if (relative is null)
                        continue; // the root itself
                    string target = SafePath.Resolve(root, relative, entry.Name);
                    size += await ApplyAsync(entry, root, relative, target, directories, ct);
                }
            }
            await hashing.DrainAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw BerthException.Invalid($"invalid tar archive: {e.Message}");
        }
        // Directory times last: creating their entries touched them.
        foreach (var (path, time) in directories.OrderByDescending(d => d.Path.Length))
            Directory.SetLastWriteTimeUtc(path, time);
        return new LayerInfo(hashing.Digest(), size);
    }

    private static async Task<long> ApplyAsync(TarEntry entry, string root, string relative, string target,
        List<(string, DateTime)> directories, CancellationToken ct)
    {
        string name = Path.GetFileName(relative);
        if (name == OpaqueMarker)
        {
            string dir = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(dir);
            FileSystem.SetXattr(dir, "trusted.overlay.opaque", "y"u8.ToArray());
            return 0;
        }
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            string hidden = Path.Combine(Path.GetDirectoryName(target)!, name[WhiteoutPrefix.Length..]);
            RemoveExisting(hidden);
            FileSystem.MakeNode(hidden, FileSystem.NodeKind.Char, 0, 0, 0);
            return 0;
        }

        if (entry.EntryType == TarEntryType.Directory)
        {
            if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
                RemoveExisting(target);
            Directory.CreateDirectory(target);
            directories.Add((target, entry.ModificationTime.UtcDateTime));
        }
        else
        {
            RemoveExisting(target);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                        if (entry.DataStream is not null)
                            await entry.DataStream.CopyToAsync(file, ct);
                    break;
                case TarEntryType.SymbolicLink:
                    File.CreateSymbolicLink(target, entry.LinkName);
                    FileSystem.LChown(target, entry.Uid, entry.Gid);
                    return 0;
                case TarEntryType.HardLink:
                    string? linked = SafePath.Normalize(entry.LinkName)
                        ?? throw BerthException.Invalid($"invalid hardlink in archive: {entry.Name} -> {entry.LinkName}");
                    FileSystem.HardLink(SafePath.Resolve(root, linked, entry.LinkName), target);
                    return 0;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    var kind = entry.EntryType switch
                    {
                        TarEntryType.CharacterDevice => FileSystem.NodeKind.Char,
                        TarEntryType.BlockDevice => FileSystem.NodeKind.Block,
                        _ => FileSystem.NodeKind.Fifo,
                    };
                    var posix = (PosixTarEntry)entry;
                    FileSystem.MakeNode(target, kind, (uint)entry.Mode, (uint)posix.DeviceMajor, (uint)posix.DeviceMinor);
                    break;
                default:
                    throw BerthException.Invalid($"unsupported tar entry type {entry.EntryType}: {entry.Name}");
            }
        }

        FileSystem.LChown(target, entry.Uid, entry.Gid);
        // After chown, which clears setuid and setgid bits.
        File.SetUnixFileMode(target, (UnixFileMode)((int)entry.Mode & 0xfff));
        if (entry is PaxTarEntry pax)
            foreach (var (key, value) in pax.ExtendedAttributes)
                if (key.StartsWith("SCHILY.xattr.", StringComparison.Ordinal))
                    FileSystem.SetXattr(target, key[13..], Encoding.Latin1.GetBytes(value));
        if (entry.EntryType != TarEntryType.Directory)
            File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
        return entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? entry.Length : 0;
    }

    private static void RemoveExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
            info.Delete();
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        else if (info.Attributes != (FileAttributes)(-1))
            File.Delete(path); // a device node or fifo
    }
}
