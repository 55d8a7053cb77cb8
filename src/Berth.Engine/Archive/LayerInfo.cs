namespace Berth.Engine.Archive;

/// <summary>What applying a layer found out: its DiffID (digest of the uncompressed tar) and unpacked size.</summary>
public sealed record LayerInfo(string DiffId, long Size);
