using System.Formats.Tar;
using System.IO.Pipelines;
using Berth.Core.Errors;
using Berth.Linux.Files;

namespace Berth.Engine.Archive;

/// <summary>
/// Writes a directory (an overlay upper dir) as a layer tar, the reverse of
/// <see cref="LayerExtractor"/>: USTAR entries, GNU or PAX where needed (see <see cref="Entry"/>); entries depth-first with each directory's
/// names in ordinal order (Go's filepath.Walk order, as Docker writes); uid, gid, mode,
/// whole-second mtimes and xattrs kept, overlay bookkeeping xattrs dropped; overlay whiteouts
/// (char 0/0) written as <c>.wh.&lt;name&gt;</c> and opaque directories as a
/// <c>.wh..wh..opq</c> entry; files sharing an inode written once, then as hardlinks; sockets
/// skipped. No user or group names, access or change times: the same tree gives the same tar.
/// </summary>
public static class LayerWriter
{
    public static async Task<LayerInfo> WriteAsync(string directory, Stream output, LayerWriterOptions? options, CancellationToken ct)
    {
        var hashing = new HashingStream(output);
        var context = new Context(options ?? new LayerWriterOptions(), new Dictionary<(ulong, ulong), string>());
        long size = 0;
        await using (var tar = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
            size = await WriteChildrenAsync(tar, directory, "", context, ct);
        await hashing.FlushAsync(ct);
        return new LayerInfo(hashing.Digest(), size, hashing.BytesRead);
    }

    /// <summary>
    /// One path and, for a directory, everything under it, the entry itself named
    /// <paramref name="name"/> (what <c>docker cp</c> and the archive API send): same entries as a
    /// layer. File bodies are read straight into the pipe's buffers (<see cref="PipeWriterStream"/>).
    /// </summary>
    public static async Task WriteTreeAsync(string path, string name, PipeWriter output, CancellationToken ct)
    {
        var context = new Context(new LayerWriterOptions(), new Dictionary<(ulong, ulong), string>());
        var piped = new PipeWriterStream(output);
        await using (var tar = new TarWriter(piped, TarEntryFormat.Pax, leaveOpen: true))
        {
            var status = FileSystem.LStat(path);
            await WriteEntryAsync(tar, path, name, status, context, ct);
            if (status.Kind == FileKind.Directory)
                await WriteChildrenAsync(tar, path, name + "/", context, ct);
        }
        await piped.FlushAsync(ct);
    }

    /// <summary>
    /// What is under <paramref name="directory"/>, as <see cref="WriteAsync"/> writes it but with
    /// no digest to compute (<c>docker export</c>), into the pipe as <see cref="WriteTreeAsync"/>.
    /// </summary>
    public static async Task WriteContentsAsync(string directory, PipeWriter output, CancellationToken ct)
    {
        var context = new Context(new LayerWriterOptions(), new Dictionary<(ulong, ulong), string>());
        var piped = new PipeWriterStream(output);
        await using (var tar = new TarWriter(piped, TarEntryFormat.Pax, leaveOpen: true))
            await WriteChildrenAsync(tar, directory, "", context, ct);
        await piped.FlushAsync(ct);
    }

    private sealed record Context(LayerWriterOptions Options, Dictionary<(ulong Device, ulong Inode), string> Linked);

    private static async Task<long> WriteChildrenAsync(TarWriter tar, string directory, string prefix, Context context, CancellationToken ct)
    {
        long size = 0;
        var names = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        foreach (string name in names!)
        {
            ct.ThrowIfCancellationRequested();
            string path = Path.Combine(directory, name!);
            string entryName = prefix + name;
            var status = FileSystem.LStat(path);
            size += await WriteEntryAsync(tar, path, entryName, status, context, ct);
            if (status.Kind == FileKind.Directory)
                size += await WriteChildrenAsync(tar, path, entryName + "/", context, ct);
        }
        return size;
    }

    private static async Task<long> WriteEntryAsync(TarWriter tar, string path, string name, FileStatus status, Context context, CancellationToken ct)
    {
        if (status.Kind == FileKind.Socket)
            return 0;
        var xattrs = FileSystem.GetXattrs(path);
        if (status.IsWhiteout)
        {
            string dir = name.Contains('/') ? name[..(name.LastIndexOf('/') + 1)] : "";
            await tar.WriteEntryAsync(Entry(TarEntryType.RegularFile, dir + Whiteout.Prefix + name[dir.Length..], status, 0x180, [], context), ct);
            return 0;
        }
        if (status.Kind == FileKind.Regular && status.Links > 1)
        {
            if (context.Linked.TryGetValue((status.Device, status.Inode), out string? first))
            {
                var link = Entry(TarEntryType.HardLink, name, status, status.Permissions, [], context, first);
                await tar.WriteEntryAsync(link, ct);
                return 0;
            }
            context.Linked[(status.Device, status.Inode)] = name;
        }
        var type = status.Kind switch
        {
            FileKind.Regular => TarEntryType.RegularFile,
            FileKind.Directory => TarEntryType.Directory,
            FileKind.Symlink => TarEntryType.SymbolicLink,
            FileKind.CharDevice => TarEntryType.CharacterDevice,
            FileKind.BlockDevice => TarEntryType.BlockDevice,
            _ => TarEntryType.Fifo,
        };
        string? target = type == TarEntryType.SymbolicLink ? new FileInfo(path).LinkTarget ?? throw BerthException.Invalid($"cannot read link {name}") : null;
        var entry = Entry(type, type == TarEntryType.Directory ? name + "/" : name, status, status.Permissions,
            PaxXattrs.Write(name, xattrs.Where(x => !Whiteout.IsOverlayXattr(x.Key)).ToDictionary()), context, target);
        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
            (entry.DeviceMajor, entry.DeviceMinor) = ((int)status.RDevMajor, (int)status.RDevMinor);
        if (type != TarEntryType.RegularFile)
        {
            await tar.WriteEntryAsync(entry, ct);
            if (type == TarEntryType.Directory && xattrs.TryGetValue(Whiteout.OpaqueXattr, out var opaque) && opaque is [(byte)'y'])
                await tar.WriteEntryAsync(Entry(TarEntryType.RegularFile, name + "/" + Whiteout.OpaqueMarker, status, status.Permissions & 0x1ff, [], context), ct);
            return LayerEntryApplier.SizeOfLink(type, target);
        }
        await using var data = new FileContentStream(path, status.Size);
        entry.DataStream = data;
        await tar.WriteEntryAsync(entry, ct);
        return status.Size;
    }

    /// <summary>
    /// One entry in the smallest format that holds it, as Go's archive/tar chooses: USTAR when the
    /// name, link target and numbers fit and there are no xattrs; GNU (long-name records) for a
    /// long name without xattrs; PAX only for xattrs. .NET names a PAX header after the writing
    /// process's ID, so PAX everywhere would make the same tree give different layers in two daemons.
    /// </summary>
    private static PosixTarEntry Entry(TarEntryType type, string name, FileStatus status, uint mode,
        IEnumerable<KeyValuePair<string, string>> pax, Context context, string? link = null)
    {
        var modified = DateTimeOffset.FromUnixTimeSeconds(status.Modified.ToUnixTimeSeconds());
        if (context.Options.ClampTime is { } clamp && modified > clamp)
            modified = clamp;
        var attributes = pax.ToList();
        PosixTarEntry entry;
        if (attributes.Count > 0 || modified < DateTimeOffset.UnixEpoch)
            entry = new PaxTarEntry(type, name, attributes);
        else if (Fits(name) && (link is null || Fits(link)) && status.Uid < 0x200000 && status.Gid < 0x200000 && status.Size < 0x1_0000_0000 * 2)
            entry = new UstarTarEntry(type, name);
        else
            entry = new GnuTarEntry(type, name) { AccessTime = modified, ChangeTime = modified };
        entry.Mode = (UnixFileMode)mode;
        entry.Uid = (int)status.Uid;
        entry.Gid = (int)status.Gid;
        entry.ModificationTime = modified;
        if (link is not null)
            entry.LinkName = link;
        return entry;
    }

    /// <summary>A name (or link target) USTAR's 100-byte name field holds.</summary>
    internal static bool Fits(string name) => System.Text.Encoding.UTF8.GetByteCount(name) <= 100;
}
