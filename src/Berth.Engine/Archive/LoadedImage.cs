namespace Berth.Engine.Archive;

/// <summary>
/// One image found by <see cref="DockerArchiveReader"/>: the config blob's exact bytes, its
/// normalised tags, and its layers bottom first, each a spooled file (maybe compressed)
/// whose uncompressed digest has been checked against the config's <c>rootfs.diff_ids</c>.
/// </summary>
public sealed record LoadedImage(byte[] Config, IReadOnlyList<string> RepoTags, IReadOnlyList<LoadedLayer> Layers);

/// <summary>A layer of a <see cref="LoadedImage"/>: its DiffID and the spooled file holding it.</summary>
public sealed record LoadedLayer(string DiffId, string Path);
