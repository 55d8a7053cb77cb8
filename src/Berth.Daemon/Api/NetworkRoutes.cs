using System.Text.Json;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Engine.Networking;
using Berth.Engine.Services;

namespace Berth.Daemon.Api;

/// <summary>The <c>/networks</c> area: the predefined networks (bridge, host, none), read-only for now.</summary>
internal static class NetworkRoutes
{
    private static readonly HashSet<string> s_filters = ["name", "id", "driver", "scope", "type", "label", "dangling"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/networks", List);
        app.MapGet("/networks/{id}", Inspect);
    }

    private static IResult List(string? filters, NetworkService networks, ContainerService containers, DaemonPaths paths)
    {
        var terms = ParseFilters(filters);
        var list = PredefinedNetworks.All.Where(n => terms.All(t => t.Key switch
        {
            "name" => t.Value.Any(v => n.Name.Contains(v, StringComparison.Ordinal)),
            "id" => t.Value.Any(v => n.Id.StartsWith(v, StringComparison.Ordinal)),
            "driver" => t.Value.Contains(n.Driver),
            "scope" => t.Value.Contains("local"),
            "type" => t.Value.Contains("builtin"),
            "label" => false,
            _ => true,
        }));
        return Json.Ok(list.Select(n => View(n, networks, containers, paths, withContainers: false)).ToList());
    }

    private static IResult Inspect(string id, NetworkService networks, ContainerService containers, DaemonPaths paths)
    {
        var network = PredefinedNetworks.Find(id) ?? throw BerthException.NotFound($"network {id} not found");
        return Json.Ok(View(network, networks, containers, paths, withContainers: true));
    }

    private static object View(PredefinedNetworks.Network n, NetworkService networks, ContainerService containers, DaemonPaths paths, bool withContainers)
    {
        bool bridge = n.Name == "bridge";
        var attached = new Dictionary<string, object>();
        if (withContainers && bridge)
            foreach (var c in containers.List().Where(c => c.State.Network is not null))
            {
                var a = c.State.Network!;
                attached[c.Id] = new { Name = c.Name, EndpointID = "", MacAddress = a.MacAddress, IPv4Address = $"{a.IPAddress}/{a.IPPrefixLen}", IPv6Address = "" };
            }
        return new
        {
            Name = n.Name,
            Id = n.Id,
            Created = GoTime.Format(Directory.GetCreationTimeUtc(paths.DataRoot)),
            Scope = "local",
            Driver = n.Driver,
            EnableIPv4 = bridge,
            EnableIPv6 = false,
            IPAM = new
            {
                Driver = "default",
                Options = (object?)null,
                Config = bridge ? new object[] { new { Subnet = networks.Bridge.Subnet, Gateway = networks.Bridge.Gateway.ToString() } } : [],
            },
            Internal = false,
            Attachable = false,
            Ingress = false,
            ConfigFrom = new { Network = "" },
            ConfigOnly = false,
            Containers = attached,
            Options = bridge
                ? new Dictionary<string, string>
                {
                    ["com.docker.network.bridge.default_bridge"] = "true",
                    ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                    ["com.docker.network.bridge.name"] = networks.Bridge.Bridge,
                }
                : new Dictionary<string, string>(),
            Labels = new Dictionary<string, string>(),
        };
    }

    private static Dictionary<string, List<string>> ParseFilters(string? json)
    {
        var terms = new Dictionary<string, List<string>>();
        if (string.IsNullOrEmpty(json))
            return terms;
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (!s_filters.Contains(p.Name))
                throw BerthException.Invalid($"invalid filter '{p.Name}'");
            terms[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList()
                : p.Value.EnumerateObject().Select(v => v.Name).ToList();
        }
        return terms;
    }
}
