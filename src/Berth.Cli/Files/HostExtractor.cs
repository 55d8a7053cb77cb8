using System.Formats.Tar;
using Berth.Cli.Commands;

namespace Berth.Cli.Files;

/// <summary>
/// Writes a tar from the daemon (<c>cp CONTAINER:SRC DEST</c>) into a local directory. The
/// archive is not trusted: names with <c>..</c> or that pass through a symlink are refused,
/// so nothing lands outside <c>root</c>. The first component may be renamed (the destination
/// did not exist, so the copy takes its name).
/// </summary>
internal static class HostExtractor
{
    public static async Task ExtractAsync(Stream tar, string root, string? rename, CancellationToken ct)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var parts = entry.Name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
            if (parts.Count == 0)
                continue;
            if (parts.Contains(".."))
                throw new CliFailure($"invalid path in archive: {entry.Name}");
            if (rename is not null)
                parts[0] = rename;
            string current = root;
            foreach (string part in parts.SkipLast(1))
            {
                current = Path.Combine(current, part);
                if (new FileInfo(current).LinkTarget is not null)
                    throw new CliFailure($"invalid path in archive: {entry.Name}: {part} is a symlink");
                Directory.CreateDirectory(current);
            }
            string target = Path.Combine(root, Path.Combine([.. parts]));
            await WriteAsync(entry, target, ct);
        }
    }

    private static async Task WriteAsync(TarEntry entry, string target, CancellationToken ct)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Directory.CreateDirectory(target);
                break;
            case TarEntryType.SymbolicLink:
                if (File.Exists(target) || new FileInfo(target).LinkTarget is not null)
                    File.Delete(target);
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                if (new FileInfo(target).LinkTarget is not null)
                    File.Delete(target); // never write through a symlink
                await using (var file = new FileStream(target, FileMode.Create, FileAccess.Write))
                    if (entry.DataStream is not null)
                        await entry.DataStream.CopyToAsync(file, ct);
                File.SetUnixFileMode(target, (UnixFileMode)((int)entry.Mode & 0xfff));
                break;
            default:
                return; // devices, FIFOs, hardlinks: not made on the host by cp
        }
        if (entry.EntryType != TarEntryType.SymbolicLink)
            File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
    }
}
