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
    /// bridge (veth, address, default route). Published ports are Berth's own rules
    /// (<see cref="PortRules"/>); masquerade and forwarding are per network, not per container
    /// (<see cref="BridgeRules"/>). An internal
    /// network gets no default route; <paramref name="range"/> narrows the addresses handed out;
    /// <paramref name="mtu"/>, when set, is the bridge's and the veths' MTU.
    /// </summary>
    public static JsonObject Conflist(BridgeConfig bridge, string ipamDir, string name = NetworkName, bool isInternal = false, IPNetwork? range = null, int mtu = 0)
    {
        var ipRange = new JsonObject { ["subnet"] = bridge.Subnet, ["gateway"] = bridge.Gateway.ToString() };
        if (range is { } r)
        {
            var (first, last) = Hosts(r);
            ipRange["rangeStart"] = first.ToString();
            ipRange["rangeEnd"] = last.ToString();
        }
        var list = new JsonObject
        {
            ["cniVersion"] = Version,
            ["name"] = name,
            ["plugins"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "bridge",
                    ["capabilities"] = new JsonObject { ["ips"] = true, ["mac"] = true },
                    ["bridge"] = bridge.Bridge,
                    ["isGateway"] = true,
                    ["ipMasq"] = false,
                    ["hairpinMode"] = true,
                    ["ipam"] = new JsonObject
                    {
                        ["type"] = "host-local",
                        ["ranges"] = new JsonArray { new JsonArray { ipRange } },
                        ["routes"] = isInternal ? new JsonArray() : new JsonArray { new JsonObject { ["dst"] = "0.0.0.0/0" } },
                        ["dataDir"] = ipamDir,
                    },
                },
            },
        };
        if (mtu > 0)
            list["plugins"]![0]!["mtu"] = mtu; // the bridge's and each veth's
        return list;
    }

    /// <summary>The first and last host addresses of a subnet (neither the network nor the broadcast address).</summary>
    private static (IPAddress First, IPAddress Last) Hosts(IPNetwork n)
    {
        byte[] b = n.BaseAddress.GetAddressBytes();
        uint network = (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
        uint broadcast = network | (n.PrefixLength == 32 ? 0 : uint.MaxValue >> n.PrefixLength);
        static IPAddress Of(uint v) => new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        return n.PrefixLength >= 31 ? (Of(network), Of(broadcast)) : (Of(network + 1), Of(broadcast - 1));
    }

    /// <summary>
    /// Whether a plugin has anything to do for a container: a port mapping plugin (portmap, in
    /// a conflist not Berth's) without ports adds no rule and its DEL removes none, so its run
    /// (a process start) is skipped.
    /// </summary>
    public static bool IsNeeded(JsonObject plugin, IReadOnlyList<PublishedPort> ports) => ports.Count > 0 || !Declares(plugin, "portMappings");

    private static bool Declares(JsonObject plugin, string capability) =>
        plugin["capabilities"] is JsonObject caps && caps[capability]?.GetValue<bool>() == true;

    /// <summary>What one plugin of the list gets on stdin; <paramref name="endpoint"/>'s fixed address and MAC go to the plugins that declare those capabilities.</summary>
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
        if (Declares(plugin, "ips") && endpoint is { IPv4Address.Length: > 0 })
            runtime["ips"] = new JsonArray { endpoint.IPv4Address };
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
            list.Add(mapping);
        }
        return list;
    }
}
