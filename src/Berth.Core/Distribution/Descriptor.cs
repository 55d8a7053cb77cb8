namespace Berth.Core.Distribution;

/// <summary>An OCI content descriptor: what a manifest says about a blob it refers to.</summary>
public sealed record Descriptor(string MediaType, string Digest, long Size)
{
    /// <summary>Set on the entries of an index.</summary>
    public Platform? Platform { get; init; }
}
