using System.Net;
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
    /// bridge (veth, addresses, default routes). Published ports are Berth's own rules
    /// (<see cref="PortRules"/>); masquerade and forwarding are per network, not per container
    /// (<see cref="BridgeRules"/>). Each of <paramref name="ranges"/> is one address family's
    /// range set, so a dual-stack network's containers get one address of each. An internal
    /// network gets no default route;
    /// <paramref name="mtu"/>, when set, is the bridge's and the veths' MTU.
    /// </summary>
    public static JsonObject Conflist(string bridge, IReadOnlyList<AddressRange> ranges, string ipamDir, string name = NetworkName, bool isInternal = false, int mtu = 0)
    {
        var routes = new JsonArray();
        if (!isInternal)
            foreach (var range in ranges)
                routes.Add((JsonNode)new JsonObject { ["dst"] = range.Subnet.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "::/0" : "0.0.0.0/0" });
        var list = new JsonObject
        {
            ["cniVersion"] = Version,
            ["name"] = name,
            ["plugins"] = new JsonArray
            {
                (JsonNode)new JsonObject
                {
                    ["type"] = "bridge",
                    ["capabilities"] = new JsonObject { ["ips"] = true, ["mac"] = true },
                    ["bridge"] = bridge,
                    ["isGateway"] = true,
                    ["ipMasq"] = false,
                    ["hairpinMode"] = true,
                    ["ipam"] = new JsonObject
                    {
                        ["type"] = "host-local",
                        ["ranges"] = new JsonArray(ranges.Select(r => (JsonNode)r.ToRangeSet()).ToArray()),
                        ["routes"] = routes,
                        ["dataDir"] = ipamDir,
                    },
                },
            },
        };
        if (mtu > 0)
            list["plugins"]![0]!["mtu"] = mtu; // the bridge's and each veth's
        return list;
    }


    /// <summary>
    /// Whether a plugin has anything to do for a container: a port mapping plugin (portmap, in
    /// a conflist not Berth's) without ports adds no rule and its DEL removes none, so its run
    /// (a process start) is skipped.
    /// </summary>
    public static bool IsNeeded(JsonObject plugin, IReadOnlyList<PublishedPort> ports) => ports.Count > 0 || !Declares(plugin, "portMappings");

    private static bool Declares(JsonObject plugin, string capability) =>
        plugin["capabilities"] is JsonObject caps && caps[capability]?.GetValue<bool>() == true;

    /// <summary>What one plugin of the list gets on stdin; <paramref name="endpoint"/>'s fixed addresses and MAC go to the plugins that declare those capabilities.</summary>
    public static JsonObject ForPlugin(JsonObject conflist, JsonObject plugin, JsonNode? prevResult, IReadOnlyList<PublishedPort> ports, EndpointConfig? endpoint = null)
    {
        var config = (JsonObject)plugin.DeepClone();
        config.Remove("capabilities");
        config["cniVersion"] = conflist["cniVersion"]!.GetValue<string>();
        config["name"] = conflist["name"]!.GetValue<string>();
        if (prevResult is not null)
            config["prevResult"] = prevResult.DeepClone();
        var runtime = new JsonObject();
        if (Declares(plugin, "portMappings"))
            runtime["portMappings"] = PortMappings(ports);
        if (Declares(plugin, "ips") && endpoint is not null && new[] { endpoint.IPv4Address, endpoint.IPv6Address }.Where(a => a.Length > 0).ToArray() is { Length: > 0 } ips)
            runtime["ips"] = new JsonArray(ips.Select(a => (JsonNode)a).ToArray());
        if (Declares(plugin, "mac") && endpoint is { MacAddress.Length: > 0 })
            runtime["mac"] = endpoint.MacAddress;
        if (runtime.Count > 0)
            config["runtimeConfig"] = runtime;
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
            list.Add((JsonNode)mapping);
        }
        return list;
    }
}
