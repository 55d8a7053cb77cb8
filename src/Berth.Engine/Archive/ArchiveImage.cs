namespace Berth.Engine.Archive;

/// <summary>
/// One image to save: its config blob's exact bytes, the normalised tagged references to
/// record (<c>docker.io/library/busybox:latest</c>), and its layers bottom first, matching
/// the config's <c>rootfs.diff_ids</c>.
/// </summary>
public sealed record ArchiveImage(byte[] Config, IReadOnlyList<string> RepoTags, IReadOnlyList<ArchiveLayer> Layers);
