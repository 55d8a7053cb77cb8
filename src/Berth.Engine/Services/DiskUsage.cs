using Berth.Core.Containers;
using Berth.Core.Volumes;
using Berth.Engine.Images;

namespace Berth.Engine.Services;

/// <summary>
/// <c>GET /system/df</c>'s facts: the bytes all layers hold, per image, container and volume
/// what it holds, and the build cache's records. A part not asked for is null.
/// </summary>
public sealed record DiskUsage(long LayersSize, IReadOnlyList<ImageUsage>? Images, IReadOnlyList<ContainerUsage>? Containers, IReadOnlyList<VolumeUsage>? Volumes,
    IReadOnlyList<Berth.Core.Build.BuildCacheRecord>? BuildCache = null);

/// <summary>An image's row: its summary and the bytes of its layers that other images share.</summary>
public sealed record ImageUsage(ImageSummary Summary, long SharedSize);

/// <summary>A container's writable layer (<c>SizeRw</c>) and that plus its image (<c>SizeRootFs</c>).</summary>
public sealed record ContainerUsage(Container Container, long SizeRw, long SizeRootFs);

/// <summary>A volume's data size and how many containers use it.</summary>
public sealed record VolumeUsage(Volume Volume, long Size, int RefCount);
