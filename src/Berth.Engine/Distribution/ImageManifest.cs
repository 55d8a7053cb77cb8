using Berth.Core.Distribution;

namespace Berth.Engine.Distribution;

/// <summary>An image manifest (Docker schema 2 or OCI): the config blob and the layer blobs, bottom first.</summary>
public sealed record ImageManifest(Descriptor Config, IReadOnlyList<Descriptor> Layers);
