using Berth.Core.Containers;

namespace Berth.Engine.Runtime;

/// <summary>Everything the OCI spec of one container start is derived from.</summary>
public sealed record SpecInputs
{
    public required Container Container { get; init; }
    public required string Rootfs { get; init; }
    public required string Hostname { get; init; }
    /// <summary>Files berthd writes per container and binds over /etc/&lt;name&gt;.</summary>
    public required IReadOnlyDictionary<string, string> EtcFiles { get; init; }
    /// <summary>A network namespace path to join, or null for a new one; ignored for host networking.</summary>
    public string? NetworkNamespace { get; init; }
    public required ulong HostNofileHard { get; init; }
    public required IReadOnlyList<string> HostCapabilities { get; init; }
    /// <summary>
    /// Namespaces not private to the container, by OCI type (pid, ipc, uts, network): "host"
    /// to stay in the host's, or a /proc/PID/ns path to join another container's.
    /// </summary>
    public IReadOnlyDictionary<string, string> SharedNamespaces { get; init; } = new Dictionary<string, string>();
    /// <summary>A static init (tini) for <c>--init</c>; null when the host has none.</summary>
    public string? InitBinary { get; init; }
    /// <summary>The container's volumes, binds and tmpfs mounts, with host sources resolved (volumes mounted, copied up).</summary>
    public IReadOnlyList<MountPoint> Mounts { get; init; } = [];
}
