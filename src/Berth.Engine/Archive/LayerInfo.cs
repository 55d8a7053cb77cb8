namespace Berth.Engine.Archive;

/// <summary>
/// What applying or writing a layer found out. <paramref name="DiffId"/>: digest of the
/// uncompressed tar. <paramref name="Size"/>: bytes of file content (what Docker reports as a
/// layer's size). <paramref name="TarSize"/>: length of the uncompressed tar.
/// <paramref name="CompressedDigest"/>: digest of the blob as given, when it was compressed.
/// </summary>
public sealed record LayerInfo(string DiffId, long Size, long TarSize = 0, string? CompressedDigest = null);
