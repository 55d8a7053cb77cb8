using System.Formats.Tar;
using Berth.Core.Errors;
using Berth.Linux.Files;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Archive;

/// <summary>
/// Writes one tar entry after another into a root, as <see cref="LayerExtractor"/> reads them.
/// Metadata order matters: chown clears setuid/setgid and file capabilities, so it comes
/// first, then mode, then xattrs, then times. Directory times are set last of all, deepest
/// first, because creating their contents touched them.
/// </summary>
internal sealed class LayerEntryApplier(string root, ExtractOptions options)
{
    public LayerEntryApplier(string root) : this(root, ExtractOptions.Layer)
    {
    }

    private readonly List<(string Path, DateTimeOffset Accessed, DateTimeOffset Modified)> _directories = [];

    private const long PreallocateFrom = 8L << 20;

    /// <summary>
    /// The parent (relative) of the last regular file applied, whose path <see cref="SafePath"/>
    /// walked: the next file in the same directory needs no walk. A regular file changes nothing
    /// above its own name, so the walk still holds; any other entry may (a directory replaced by
    /// a symlink), so the entry after it walks again.
    /// </summary>
    private string? _walkedParent;

    /// <summary>Applies the entry; returns the file content bytes it added.</summary>
    public async Task<long> ApplyAsync(TarEntry entry, CancellationToken ct)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            return 0;
        string? relative = SafePath.Normalize(entry.Name);
        if (relative is null)
            return 0; // the root itself keeps the snapshot's own attributes
        bool regular = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;
        int slash = relative.LastIndexOf('/');
        string parentPart = slash < 0 ? "" : relative[..slash];
        string target = regular && parentPart == _walkedParent ? Path.Combine(root, relative) : SafePath.Resolve(root, relative, entry.Name);
        _walkedParent = null;
        string parent = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(relative);

        if (options.Whiteouts && name == Whiteout.OpaqueMarker)
        {
            FileSystem.SetXattr(parent, Whiteout.OpaqueXattr, "y"u8.ToArray());
            return 0;
        }
        if (options.Whiteouts && name.StartsWith(Whiteout.Prefix, StringComparison.Ordinal))
        {
            string hidden = name[Whiteout.Prefix.Length..];
            if (hidden is "" or "." or "..")
                throw BerthException.Invalid($"invalid whiteout in archive: {entry.Name}");
            string path = Path.Combine(parent, hidden);
            RemoveExisting(path);
            FileSystem.MakeNode(path, FileSystem.NodeKind.Char, 0, 0, 0);
            FileSystem.LChown(path, entry.Uid, entry.Gid);
            return 0;
        }
        if (entry.EntryType == TarEntryType.HardLink)
        {
            string source = SafePath.ResolveExisting(root, SafePath.Normalize(entry.LinkName)
                ?? throw BerthException.Invalid($"invalid hardlink in archive: {entry.Name} -> {entry.LinkName}"), entry.Name);
            if (source == target)
                throw BerthException.Invalid($"invalid hardlink in archive: {entry.Name} -> {entry.LinkName}");
            RemoveExisting(target);
            FileSystem.HardLink(source, target);
            return 0;
        }

        var existing = FileSystem.TryLStat(target);
        if (options.NoOverwriteDirNonDir)
            RefuseDirNonDir(entry, existing, relative);
        if (!regular)
        {
            Create(entry, target, existing);
            SetMetadata(entry, target, null);
            return SizeOfLink(entry.EntryType, entry.LinkName);
        }
        using (var file = OpenToWrite(target, existing, entry.Length))
        {
            if (entry.DataStream is not null)
                await WriteFileAsync(file, entry.DataStream, ct);
            SetMetadata(entry, target, file);
        }
        _walkedParent = parentPart;
        return entry.Length;
    }

    /// <summary>
    /// A symlink counts its target's length toward a layer's size, as lstat reports it and
    /// dockerd sums it (<c>docker history</c>, an image's <c>Size</c>); other non-files count nothing.
    /// </summary>
    internal static long SizeOfLink(TarEntryType type, string? target) =>
        type == TarEntryType.SymbolicLink && target is not null ? System.Text.Encoding.UTF8.GetByteCount(target) : 0;

    /// <summary>Owner, mode, xattrs and times, through <paramref name="file"/> when open (no path resolved again).</summary>
    private void SetMetadata(TarEntry entry, string target, SafeFileHandle? file)
    {
        var (uid, gid) = options.Owner ?? (entry.Uid, entry.Gid);
        uint mode = (uint)entry.Mode & 0xfff;
        if (file is not null)
        {
            FileSystem.SetOwner(file, uid, gid);
            FileSystem.SetMode(file, mode);
        }
        else
        {
            FileSystem.LChown(target, uid, gid);
            if (entry.EntryType != TarEntryType.SymbolicLink)
                File.SetUnixFileMode(target, (UnixFileMode)mode);
        }
        foreach (var (key, value) in PaxXattrs.Read(entry))
            if (!Whiteout.IsOverlayXattr(key))
                FileSystem.SetXattr(target, key, value);
        var modified = entry.ModificationTime;
        var accessed = AccessTime(entry) is { } a && a > modified ? a : modified;
        if (entry.EntryType == TarEntryType.Directory)
            _directories.Add((target, accessed, modified));
        else if (file is not null)
            FileSystem.SetTimes(file, accessed, modified);
        else
            FileSystem.LUtimes(target, accessed, modified);
    }

    private static void RefuseDirNonDir(TarEntry entry, FileStatus? existing, string relative)
    {
        if (existing is null)
            return;
        bool isDir = entry.EntryType == TarEntryType.Directory, wasDir = existing.Kind == FileKind.Directory;
        if (wasDir && !isDir)
            throw BerthException.Invalid($"cannot overwrite directory \"{relative}\" with non-directory \"{entry.Name}\"");
        if (!wasDir && isDir)
            throw BerthException.Invalid($"cannot overwrite non-directory \"{relative}\" with directory \"{entry.Name}\"");
    }

    public void SetDirectoryTimes()
    {
        foreach (var (path, accessed, modified) in _directories.OrderByDescending(d => d.Path.Length))
            if (FileSystem.TryLStat(path)?.Kind == FileKind.Directory) // a later entry may have replaced it
                FileSystem.LUtimes(path, accessed, modified);
    }

    /// <summary>Anything but a regular file, over whatever <paramref name="existing"/> says is there.</summary>
    private static void Create(TarEntry entry, string target, FileStatus? existing)
    {
        if (entry.EntryType == TarEntryType.Directory)
        {
            // Tar semantics: a directory entry over a directory merges into it.
            if (existing?.Kind != FileKind.Directory)
            {
                RemoveExisting(target, existing?.Kind);
                Directory.CreateDirectory(target);
            }
            return;
        }
        RemoveExisting(target, existing?.Kind);
        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink:
                File.CreateSymbolicLink(target, entry.LinkName);
                return;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var kind = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => FileSystem.NodeKind.Char,
                    TarEntryType.BlockDevice => FileSystem.NodeKind.Block,
                    _ => FileSystem.NodeKind.Fifo,
                };
                var posix = (PosixTarEntry)entry;
                FileSystem.MakeNode(target, kind, (uint)entry.Mode & 0xfff, (uint)posix.DeviceMajor, (uint)posix.DeviceMinor);
                return;
            default:
                throw BerthException.Invalid($"unsupported tar entry type {entry.EntryType}: {entry.Name}");
        }
    }

    /// <summary>
    /// A regular file to write the entry's content into: the existing one, sized for the new
    /// content, when the options allow it and it may be (see <see cref="FileSystem.TryOpenToRewrite"/>), else a
    /// new one in place of whatever is there, a big file's size reserved first (one extent, not
    /// many; a small one gets its blocks in one piece from delayed allocation anyway, and the
    /// fallocate call was a tenth of a many-file <c>docker cp</c>).
    /// </summary>
    private SafeFileHandle OpenToWrite(string target, FileStatus? existing, long length)
    {
        if (options.RewriteInPlace && existing is { Kind: FileKind.Regular, Links: 1 } && FileSystem.TryOpenToRewrite(target, length) is { } file)
            return file;
        RemoveExisting(target, existing?.Kind);
        return FileSystem.CreateNew(target, length >= PreallocateFrom ? length : 0);
    }

    /// <summary>
    /// Writes a file's content in writes of up to 1 MiB, however small the reads come.
    /// Writes are synchronous: they land in the page cache, cheaper than a hop through the
    /// thread pool.
    /// </summary>
    private static async Task WriteFileAsync(SafeFileHandle file, Stream data, CancellationToken ct)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int filled = 0, n;
            while ((n = await data.ReadAsync(buffer.AsMemory(filled), ct)) > 0)
            {
                filled += n;
                if (filled < buffer.Length)
                    continue;
                FileSystem.WriteAt(file, buffer.AsSpan(0, filled), offset);
                offset += filled;
                filled = 0;
            }
            if (filled > 0)
                FileSystem.WriteAt(file, buffer.AsSpan(0, filled), offset);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static DateTimeOffset? AccessTime(TarEntry entry) => entry switch
    {
        GnuTarEntry gnu => gnu.AccessTime,
        PaxTarEntry pax when pax.ExtendedAttributes.TryGetValue("atime", out string? text)
            && decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out decimal seconds)
            && seconds is > -62135596800m and < 253402300799m => DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)),
        _ => null,
    };

    /// <summary>Removes whatever is at <paramref name="path"/>, never following a symlink.</summary>
    private static void RemoveExisting(string path) => RemoveExisting(path, FileSystem.TryLStat(path)?.Kind);

    private static void RemoveExisting(string path, FileKind? kind)
    {
        switch (kind)
        {
            case null:
                return;
            case FileKind.Directory:
                Directory.Delete(path, recursive: true);
                return;
            default:
                File.Delete(path);
                return;
        }
    }
}
