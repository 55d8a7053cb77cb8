namespace Berth.Core.Images;

/// <summary>
/// One unpacked layer, shared by every image whose chain reaches it. Its identity is the
/// chain ID: the digest of the layers below plus this one (OCI image spec, "ChainID").
/// </summary>
public sealed record Layer
{
    public required string ChainId { get; init; }
    public required string DiffId { get; init; }
    /// <summary>The chain ID of the layer below, or empty for a base layer.</summary>
    public required string Parent { get; init; }
    /// <summary>The blob as received (maybe compressed), in the content store.</summary>
    public required string BlobDigest { get; init; }
    /// <summary>Bytes unpacked on disk.</summary>
    public required long Size { get; init; }
}
