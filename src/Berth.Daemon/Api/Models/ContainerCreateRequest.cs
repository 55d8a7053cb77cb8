using System.Text.Json;
using Berth.Core.Api;
using Berth.Core.Containers;
using Berth.Core.Errors;
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

    /// <summary>
    /// NetworkingConfig.EndpointsConfig by network name; empty when none. The config's
    /// container-wide <c>MacAddress</c> (deprecated in API 1.44, still sent by older clients
    /// such as docker-py) becomes the MAC of the endpoint on the container's network mode,
    /// as Docker's <c>handleMACAddressBC</c> does; before 1.44 an endpoint's own MAC was
    /// ignored, so it is dropped when there is no container-wide one.
    /// </summary>
    public Dictionary<string, EndpointConfig> EndpointsToCore(string apiVersion)
    {
        var endpoints = NetworkingConfig?.EndpointsConfig?.ToDictionary(e => e.Key, e => e.Value?.ToCore() ?? new EndpointConfig()) ?? [];
        string mac = Extra is not null && Extra.TryGetValue("MacAddress", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        bool old = ApiVersions.Compare(apiVersion, "1.44") < 0;
        if (mac.Length == 0)
        {
            if (old)
                foreach (string key in endpoints.Keys.ToList())
                    endpoints[key] = endpoints[key] with { MacAddress = "" };
            return endpoints;
        }
        string mode = HostConfig?.NetworkMode is { Length: > 0 } n ? n : "default";
        if (mode is "host" or "none" || mode.StartsWith("container:", StringComparison.Ordinal))
        {
            if (old)
                throw BerthException.Invalid("conflicting options: mac-address and the network mode");
            return endpoints;
        }
        if (endpoints.TryGetValue(mode, out var endpoint))
        {
            if (!old && endpoint.MacAddress.Length > 0 && endpoint.MacAddress != mac)
                throw BerthException.Invalid("the container-wide MAC address must match the endpoint-specific MAC address for the main network, or be left empty");
        }
        else if (!old && endpoints.Count > 0)
            throw BerthException.Invalid("if a container-wide MAC address is supplied, HostConfig.NetworkMode must match the identity of a network in NetworkSettings.Networks");
        endpoints[mode] = (endpoint ?? new EndpointConfig()) with { MacAddress = mac };
        return endpoints;
    }
}
