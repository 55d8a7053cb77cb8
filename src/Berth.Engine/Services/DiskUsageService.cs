using Berth.Engine.Containers;
using Berth.Engine.Images;
using Berth.Engine.Volumes;

namespace Berth.Engine.Services;

/// <summary><c>docker system df</c>: asks each service what its objects hold on disk.</summary>
public sealed class DiskUsageService(ImageService images, ContainerService containers, VolumeService volumes, Berth.Core.Build.IBuildCacheUsage? buildCache = null)
{
    /// <param name="types">the parts wanted (<c>image</c>, <c>container</c>, <c>volume</c>, <c>build-cache</c>); empty for all.</param>
    public DiskUsage Measure(IReadOnlyCollection<string> types)
    {
        bool Wants(string type) => types.Count == 0 || types.Contains(type);
        var (layersSize, imageRows) = Wants("image") ? images.DiskUsage() : (0, null);
        return new DiskUsage(layersSize, imageRows,
            Wants("container") ? containers.DiskUsage() : null,
            Wants("volume") ? volumes.DiskUsage() : null,
            Wants("build-cache") ? buildCache?.ListCacheRecords() : null);
    }
}
