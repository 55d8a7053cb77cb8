namespace Berth.Engine.Archive;

/// <summary>
/// How <see cref="LayerExtractor"/> treats a tar that is not a layer (<c>docker cp</c> into a
/// container): <c>.wh.</c> names are plain files there, ownership may be forced (Docker gives
/// copied files to the container's root, or its user with <c>-a</c>), and a directory may
/// be refused to replace a non-directory or the reverse (the CLI's <c>noOverwriteDirNonDir</c>).
/// </summary>
public sealed record ExtractOptions
{
    /// <summary>The layer defaults: whiteouts honoured, the archive's owners kept, anything replaced.</summary>
    public static readonly ExtractOptions Layer = new();

    public bool Whiteouts { get; init; } = true;
    public (int Uid, int Gid)? Owner { get; init; }
    public bool NoOverwriteDirNonDir { get; init; }

    /// <summary>
    /// A regular file over a regular file is written over the existing one (its size set to the
    /// new content's first) instead of unlinked and created anew: on ext4 a tenth of the cost
    /// and no blocks freed and allocated again. Only where no
    /// process can have the old file open (a stopped container's own rootfs): the inode is
    /// the same, so a mapping of the old content would see it cut short.
    /// </summary>
    public bool RewriteInPlace { get; init; }
}
