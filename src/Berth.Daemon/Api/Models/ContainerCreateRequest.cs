using Berth.Core.Containers;
using Berth.Core.Networking;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The body of <c>POST /containers/create</c>: the <c>Config</c> fields at the top level, with
/// <c>HostConfig</c> and <c>NetworkingConfig</c> beside them (so those two never land among
/// the config's unknown fields).
/// </summary>
internal sealed class ContainerCreateRequest : ContainerConfigModel
{
    public HostConfigModel? HostConfig { get; init; }
    public NetworkingConfigModel? NetworkingConfig { get; init; }

    /// <summary>The host config; a missing or null one is all defaults.</summary>
    public HostConfig HostToCore() => HostConfig?.ToCore() ?? new HostConfig();

    /// <summary>NetworkingConfig.EndpointsConfig by network name; empty when none.</summary>
    public Dictionary<string, EndpointConfig> EndpointsToCore() =>
        NetworkingConfig?.EndpointsConfig?.ToDictionary(e => e.Key, e => e.Value?.ToCore() ?? new EndpointConfig()) ?? [];
}
