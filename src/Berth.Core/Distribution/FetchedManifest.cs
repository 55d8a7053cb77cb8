namespace Berth.Core.Distribution;

/// <summary>A manifest or index as fetched: its exact bytes, their digest and media type.</summary>
public sealed record FetchedManifest(Descriptor Descriptor, byte[] Content);
