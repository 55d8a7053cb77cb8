using System.Formats.Tar;

namespace Berth.Cli.Files;

/// <summary>
/// A local file or directory as a tar for <c>cp SRC CONTAINER:DEST</c>, its top entry named
/// <c>name</c>; symlinks are kept as links (the source itself is followed with <c>-L</c>).
/// Owners are the local ones: the daemon gives the files to the container's root unless <c>-a</c>.
/// </summary>
internal static class HostArchiver
{
    public static async Task WriteAsync(string source, string name, bool followSource, Stream output, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        string top = followSource && new FileInfo(source).ResolveLinkTarget(returnFinalTarget: true) is { } resolved ? resolved.FullName : source;
        await tar.WriteEntryAsync(top, name, ct);
        if (Directory.Exists(top) && new FileInfo(top).LinkTarget is null)
            await WriteChildrenAsync(tar, top, name, ct);
    }

    private static async Task WriteChildrenAsync(TarWriter tar, string directory, string prefix, CancellationToken ct)
    {
        foreach (string path in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            string entryName = prefix + "/" + Path.GetFileName(path);
            await tar.WriteEntryAsync(path, entryName, ct);
            if (new FileInfo(path).LinkTarget is null && Directory.Exists(path))
                await WriteChildrenAsync(tar, path, entryName, ct);
        }
    }
}
