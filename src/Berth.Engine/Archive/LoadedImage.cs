using Berth.Engine.Images;

namespace Berth.Engine.Archive;

/// <summary>
/// One image found by <see cref="DockerArchiveReader"/>: the config blob's exact bytes, its
/// normalised tags, and its layers bottom first, each unpacked but not yet committed, its
/// DiffID checked against the config's <c>rootfs.diff_ids</c>.
/// </summary>
public sealed record LoadedImage(byte[] Config, IReadOnlyList<string> RepoTags, IReadOnlyList<LoadedLayer> Layers);

/// <summary>
/// A layer of a <see cref="LoadedImage"/>: its DiffID and the layer unpacked from it (maybe
/// shared), or null when the archive's blob is one the content store holds already, under
/// that very DiffID: it is unpacked from the store only if its chain is missing.
/// </summary>
public sealed record LoadedLayer(string DiffId, UnpackedLayer? Unpacked);
