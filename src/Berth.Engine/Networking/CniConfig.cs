using System.Text.Json.Nodes;
using Berth.Core.Networking;

namespace Berth.Engine.Networking;

/// <summary>
/// The CNI network configuration list of the default bridge network, and the per-plugin
/// configuration the runtime derives from it (CNI spec, "Deriving execution configuration"):
/// the list's name and cniVersion, the previous plugin's result, and the runtimeConfig of
/// the capabilities the plugin declares.
/// </summary>
public static class CniConfig
{
    public const string Version = "1.0.0";
    public const string NetworkName = "bridge";

    /// <summary>
    /// bridge (veth, address, default route) → portmap (published ports). Masquerade and
    /// forwarding are per network, not per container (<see cref="BridgeRules"/>).
    /// </summary>
    public static JsonObject Conflist(BridgeConfig bridge, string ipamDir) => new()
    {
        ["cniVersion"] = Version,
        ["name"] = NetworkName,
        ["plugins"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = bridge.Bridge,
                ["isGateway"] = true,
                ["ipMasq"] = false,
                ["hairpinMode"] = true,
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray { new JsonArray { new JsonObject { ["subnet"] = bridge.Subnet, ["gateway"] = bridge.Gateway.ToString() } } },
                    ["routes"] = new JsonArray { new JsonObject { ["dst"] = "0.0.0.0/0" } },
                    ["dataDir"] = ipamDir,
                },
            },
            new JsonObject { ["type"] = "portmap", ["capabilities"] = new JsonObject { ["portMappings"] = true }, ["snat"] = true },
        },
    };

    /// <summary>The loopback plugin's configuration: brings <c>lo</c> up in the namespace.</summary>
    public static JsonObject Loopback() => new() { ["cniVersion"] = Version, ["name"] = "lo", ["type"] = "loopback" };

    /// <summary>
    /// Whether a plugin has anything to do for a container: portmap without ports adds no
    /// rule and its DEL removes none, so its run (a process start) is skipped.
    /// </summary>
    public static bool IsNeeded(JsonObject plugin, IReadOnlyList<PublishedPort> ports) =>
        ports.Count > 0 || plugin["capabilities"] is not JsonObject caps || caps["portMappings"]?.GetValue<bool>() != true;

    /// <summary>What one plugin of the list gets on stdin.</summary>
    public static JsonObject ForPlugin(JsonObject conflist, JsonObject plugin, JsonNode? prevResult, IReadOnlyList<PublishedPort> ports)
    {
        var config = (JsonObject)plugin.DeepClone();
        config.Remove("capabilities");
        config["cniVersion"] = conflist["cniVersion"]!.GetValue<string>();
        config["name"] = conflist["name"]!.GetValue<string>();
        if (prevResult is not null)
            config["prevResult"] = prevResult.DeepClone();
        if (plugin["capabilities"] is JsonObject caps && caps["portMappings"]?.GetValue<bool>() == true)
            config["runtimeConfig"] = new JsonObject { ["portMappings"] = PortMappings(ports) };
        return config;
    }

    /// <summary>The <c>portMappings</c> capability (CNI conventions): hostIP omitted means every address.</summary>
    public static JsonArray PortMappings(IReadOnlyList<PublishedPort> ports)
    {
        var list = new JsonArray();
        foreach (var p in ports)
        {
            var mapping = new JsonObject { ["hostPort"] = p.HostPort, ["containerPort"] = p.ContainerPort, ["protocol"] = p.Protocol };
            if (p.HostIp is not ("" or "0.0.0.0"))
                mapping["hostIP"] = p.HostIp;
            list.Add(mapping);
        }
        return list;
    }
}
