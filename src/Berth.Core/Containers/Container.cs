namespace Berth.Core.Containers;

/// <summary>A container as berthd keeps it: identity, configuration, where its files are, and state.</summary>
public sealed record Container
{
    public required string Id { get; init; }
    /// <summary>Without the leading slash; the API adds it.</summary>
    public required string Name { get; init; }
    public required DateTime Created { get; init; }
    /// <summary>The image ID (<c>sha256:...</c>) the container was created from.</summary>
    public required string ImageId { get; init; }
    public required ContainerConfig Config { get; init; }
    public required HostConfig HostConfig { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public ContainerState State { get; set; } = new();
    public int RestartCount { get; init; }
    public string Driver { get; set; } = "overlay2";
    /// <summary>The volumes, binds and tmpfs mounts resolved at create; which volumes are in use is derived from these.</summary>
    public IReadOnlyList<MountPoint> Mounts { get; set; } = [];
    /// <summary>
    /// The networks the container is on, by name, with what it asks of each: the one
    /// <see cref="HostConfig.NetworkMode"/> names first, then those joined by <c>network connect</c>.
    /// </summary>
    public IReadOnlyDictionary<string, Networking.EndpointConfig> Endpoints { get; set; } = new Dictionary<string, Networking.EndpointConfig>();
    /// <summary>
    /// Disconnected from the network <see cref="HostConfig.NetworkMode"/> names: as Docker's,
    /// the mode stays (docker-compose disconnects a container and connects it again with its
    /// aliases), but a start does not join that network until a connect puts it back.
    /// </summary>
    public bool OffModeNetwork { get; init; }

    /// <summary>The names the container has on a network besides its own (<c>--network-alias</c>).</summary>
    public IReadOnlyList<string> AliasesOn(string network) => Endpoints.TryGetValue(network, out var e) ? e.Aliases : [];
}
