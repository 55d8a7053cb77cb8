using Berth.Core.Containers;

namespace Berth.Engine.Containers;

/// <summary>
/// A container with what <c>docker inspect</c> shows beside its record: where its files are
/// and the IDs of the user-defined networks it names (by network name).
/// </summary>
public sealed record ContainerDetails(Container Container, string Rootfs, string UpperDir, string BundleDir, string LogPath,
    IReadOnlyDictionary<string, string> NetworkIds);
