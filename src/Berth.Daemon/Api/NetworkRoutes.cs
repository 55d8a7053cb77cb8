using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Containers;
using Berth.Engine.Networking;

namespace Berth.Daemon.Api;

/// <summary>The <c>/networks</c> area: the predefined networks (bridge, host, none) and user-defined bridge networks.</summary>
internal static class NetworkRoutes
{
    private static readonly HashSet<string> s_filters = ["name", "id", "driver", "scope", "type", "label", "dangling"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/networks", List);
        app.MapGet("/networks/{id}", Inspect);
        app.MapPost("/networks/create", CreateAsync);
        app.MapDelete("/networks/{id}", async (string id, NetworkService networks, CancellationToken ct) =>
        {
            await networks.RemoveNetworkAsync(id, ct);
            return Results.NoContent();
        });
        app.MapPost("/networks/prune", PruneAsync);
        app.MapPost("/networks/{id}/connect", ConnectAsync);
        app.MapPost("/networks/{id}/disconnect", DisconnectAsync);
    }

    private static async Task<IResult> ConnectAsync(string id, HttpRequest request, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("container is required");
        var r = body.RootElement;
        string container = JsonFields.Text(r, "Container") ?? throw BerthException.Invalid("container is required");
        var endpoint = r.TryGetProperty("EndpointConfig", out var e) ? e.Deserialize<Models.EndpointSettingsModel>(Json.Options)?.ToCore() ?? new EndpointConfig() : new EndpointConfig();
        await containers.ConnectAsync(container, id, endpoint, ct);
        return Results.Ok();
    }

    private static async Task<IResult> DisconnectAsync(string id, HttpRequest request, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("container is required");
        var r = body.RootElement;
        string container = JsonFields.Text(r, "Container") ?? throw BerthException.Invalid("container is required");
        await containers.DisconnectAsync(container, id, JsonFields.Bool(r, "Force"), ct);
        return Results.Ok();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, NetworkService networks, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("network name cannot be empty");
        var r = body.RootElement;
        string? subnet = null, gateway = null, range = null;
        if (r.TryGetProperty("IPAM", out var ipam) && ipam.ValueKind == JsonValueKind.Object
            && ipam.TryGetProperty("Config", out var configs) && configs.ValueKind == JsonValueKind.Array)
        {
            var first = configs.EnumerateArray().FirstOrDefault();
            if (configs.GetArrayLength() > 1)
                throw new BerthException(ErrorKind.NotImplemented, "more than one IPAM config (IPv6) is not supported yet");
            if (first.ValueKind == JsonValueKind.Object)
                (subnet, gateway, range) = (JsonFields.Text(first, "Subnet"), JsonFields.Text(first, "Gateway"), JsonFields.Text(first, "IPRange"));
        }
        if (JsonFields.Bool(r, "EnableIPv6"))
            throw new BerthException(ErrorKind.NotImplemented, "IPv6 networks are not supported yet");
        var network = networks.CreateNetwork(new NetworkRequest(
            JsonFields.Text(r, "Name") ?? "", JsonFields.Text(r, "Driver") ?? "bridge", subnet, gateway, range,
            JsonFields.Bool(r, "Internal"),
            JsonFields.Map(r, "Labels") ?? [], JsonFields.Map(r, "Options") ?? []));
        return Json.Ok(new { network.Id, Warning = "" }, 201);
    }

    private static async Task<IResult> PruneAsync(string? filters, NetworkService networks, CancellationToken ct)
    {
        var terms = ParseFilters(filters);
        var deleted = await networks.PruneAsync(n => LabelsMatch(n.Labels, terms), ct);
        return Json.Ok(new { NetworksDeleted = deleted });
    }

    private static bool LabelsMatch(Dictionary<string, string> labels, Dictionary<string, List<string>> terms) =>
        !terms.TryGetValue("label", out var wanted) || wanted.All(w => w.Split('=', 2) is var kv
            && labels.TryGetValue(kv[0], out var value) && (kv.Length == 1 || value == kv[1]));

    private static IResult List(string? filters, NetworkService networks)
    {
        var terms = ParseFilters(filters);
        var predefined = PredefinedNetworks.All.Where(n => terms.All(t => t.Key switch
        {
            "name" => t.Value.Any(v => n.Name.Contains(v, StringComparison.Ordinal)),
            "id" => t.Value.Any(v => n.Id.StartsWith(v, StringComparison.Ordinal)),
            "driver" => t.Value.Contains(n.Driver),
            "scope" => t.Value.Contains("local"),
            "type" => t.Value.Contains("builtin"),
            "label" => false,
            _ => true,
        })).Select(n => View(n, networks, withContainers: false));
        var user = networks.UserNetworks().Where(n => terms.All(t => t.Key switch
        {
            "name" => t.Value.Any(v => n.Name.Contains(v, StringComparison.Ordinal)),
            "id" => t.Value.Any(v => n.Id.StartsWith(v, StringComparison.Ordinal)),
            "driver" => t.Value.Contains(n.Driver),
            "scope" => t.Value.Contains("local"),
            "type" => t.Value.Contains("custom"),
            "label" => LabelsMatch(n.Labels, new() { ["label"] = t.Value }),
            _ => true,
        })).OrderBy(n => n.Created).Select(n => UserView(n, networks, withContainers: false));
        return Json.Ok(predefined.Concat(user).ToList());
    }

    private static IResult Inspect(string id, NetworkService networks)
    {
        if (PredefinedNetworks.Find(id) is { } predefined)
            return Json.Ok(View(predefined, networks, withContainers: true));
        var user = networks.FindUserNetwork(id) ?? throw BerthException.NotFound($"network {id} not found");
        return Json.Ok(UserView(user, networks, withContainers: true));
    }

    private static Dictionary<string, object> Attached(NetworkService networks, string network) =>
        networks.AttachedTo(network).ToDictionary(x => x.Container.Id, x =>
            (object)new { Name = x.Container.Name, EndpointID = Models.ContainerViews.EndpointId(x.Container, network), MacAddress = x.Attachment.MacAddress, IPv4Address = $"{x.Attachment.IPAddress}/{x.Attachment.IPPrefixLen}", IPv6Address = "" });

    private static object UserView(Core.Networking.NetworkDefinition n, NetworkService networks, bool withContainers) => new
    {
        Name = n.Name,
        Id = n.Id,
        Created = GoTime.Format(n.Created),
        Scope = "local",
        Driver = n.Driver,
        EnableIPv4 = true,
        EnableIPv6 = false,
        IPAM = new
        {
            Driver = "default",
            Options = new Dictionary<string, string>(),
            Config = new object[] { n.IPRange.Length > 0 ? new { Subnet = n.Subnet, IPRange = n.IPRange, Gateway = n.Gateway } : new { Subnet = n.Subnet, Gateway = n.Gateway } },
        },
        Internal = n.Internal,
        Attachable = false,
        Ingress = false,
        ConfigFrom = new { Network = "" },
        ConfigOnly = false,
        Containers = withContainers ? Attached(networks, n.Name) : new Dictionary<string, object>(),
        Options = n.Options,
        Labels = n.Labels,
    };

    private static object View(PredefinedNetworks.Network n, NetworkService networks, bool withContainers)
    {
        bool bridge = n.Name == "bridge";
        var attached = withContainers && bridge ? Attached(networks, n.Name) : new Dictionary<string, object>();
        return new
        {
            Name = n.Name,
            Id = n.Id,
            Created = GoTime.Format(networks.PredefinedCreated),
            Scope = "local",
            Driver = n.Driver,
            EnableIPv4 = bridge,
            EnableIPv6 = false,
            IPAM = new
            {
                Driver = "default",
                Options = new Dictionary<string, string>(),
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

    private static Dictionary<string, List<string>> ParseFilters(string? json) => FilterTerms.Parse(json, s_filters.Contains);
}
