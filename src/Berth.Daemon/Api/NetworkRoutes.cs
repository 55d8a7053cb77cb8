using System.Text.Json;
using System.Text.Json.Serialization;
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
        app.MapPost("/networks/create", CreateAsync);
        app.MapPost("/networks/prune", PruneAsync);
        // Names may hold a slash, and the docker CLI sends it as is (dockerd's routes are /networks/{id:.*}).
        app.MapGet("/networks/{**id}", Inspect);
        app.MapDelete("/networks/{**id}", async (string id, NetworkService networks, CancellationToken ct) =>
        {
            await networks.RemoveNetworkAsync(Unescaped(id), ct);
            return Results.NoContent();
        });
        app.MapPost("/networks/{**rest}", (string rest, HttpRequest request, ContainerService containers, CancellationToken ct) =>
            rest.LastIndexOf('/') is int slash and > 0 ? rest[(slash + 1)..] switch
            {
                "connect" => ConnectAsync(rest[..slash], request, containers, ct),
                "disconnect" => DisconnectAsync(rest[..slash], request, containers, ct),
                _ => throw BerthException.NotFound("page not found"),
            } : throw BerthException.NotFound("page not found"));
    }

    private static async Task<IResult> ConnectAsync(string id, HttpRequest request, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("container is required");
        var r = body.RootElement;
        string container = JsonFields.Text(r, "Container") ?? throw BerthException.Invalid("container is required");
        var endpoint = JsonFields.Member(r, "EndpointConfig") is { } e ? e.Deserialize(Json.ReadingInfo<Models.EndpointSettingsModel>())?.ToCore() ?? new EndpointConfig() : new EndpointConfig();
        await containers.ConnectAsync(container, Unescaped(id), endpoint, ct);
        return Results.Ok();
    }

    private static async Task<IResult> DisconnectAsync(string id, HttpRequest request, ContainerService containers, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("container is required");
        var r = body.RootElement;
        string container = JsonFields.Text(r, "Container") ?? throw BerthException.Invalid("container is required");
        await containers.DisconnectAsync(container, Unescaped(id), JsonFields.Bool(r, "Force"), ct);
        return Results.Ok();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, NetworkService networks, CancellationToken ct)
    {
        using var body = await Json.ReadObjectAsync(request, ct) ?? throw BerthException.Invalid("network name cannot be empty");
        var r = body.RootElement;
        var ipam = new List<IpamConfig>();
        if (JsonFields.Member(r, "IPAM") is { ValueKind: JsonValueKind.Object } ipamBody
            && JsonFields.Member(ipamBody, "Config") is { ValueKind: JsonValueKind.Array } configs)
            foreach (var c in configs.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
                ipam.Add(new IpamConfig
                {
                    Subnet = JsonFields.Text(c, "Subnet") ?? "", Gateway = JsonFields.Text(c, "Gateway") ?? "", IPRange = JsonFields.Text(c, "IPRange") ?? "",
                    AuxiliaryAddresses = JsonFields.Map(c, "AuxiliaryAddresses") ?? [],
                });
        var network = networks.CreateNetwork(new NetworkRequest(
            JsonFields.Text(r, "Name") ?? "", JsonFields.Text(r, "Driver") ?? "bridge", ipam, JsonFields.Bool(r, "EnableIPv6"),
            JsonFields.Bool(r, "Internal"),
            JsonFields.Map(r, "Labels") ?? [], JsonFields.Map(r, "Options") ?? [], JsonFields.Bool(r, "Attachable")));
        return Json.Ok(new NetworkCreateResponse(network.Id, Warning: ""), DaemonJson.Api.NetworkCreateResponse, 201);
    }

    private static async Task<IResult> PruneAsync(string? filters, NetworkService networks, CancellationToken ct)
    {
        // prune's own filters, as dockerd's: label, label! and until.
        var terms = FilterTerms.Parse(filters, name => name is "label" or "label!" or "until");
        UntilFilter.Validate(terms);
        var deleted = await networks.PruneAsync(n => terms.All(t => t.Key switch
        {
            "label" => t.Value.All(v => FilterTerms.MatchesLabel(n.Labels, v)),
            "label!" => !t.Value.Any(v => FilterTerms.MatchesLabel(n.Labels, v)),
            "until" => t.Value.All(v => n.Created < UntilFilter.Parse(v)),
            _ => true,
        }), ct);
        return Json.Ok(new NetworkPruneResponse(NetworksDeleted: deleted), DaemonJson.Api.NetworkPruneResponse);
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
        return Json.Ok(predefined.Concat(user).ToList(), DaemonJson.Api.ListNetworkView);
    }

    /// <summary>
    /// A network name from the path: routing decodes every escape but <c>%2F</c>, and Docker
    /// takes names with a slash (the CLI escapes it).
    /// </summary>
    private static string Unescaped(string id) => id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static IResult Inspect(string id, NetworkService networks)
    {
        id = Unescaped(id);
        if (PredefinedNetworks.Find(id) is { } predefined)
            return Json.Ok(View(predefined, networks, withContainers: true), DaemonJson.Api.NetworkView);
        var user = networks.FindUserNetwork(id) ?? throw BerthException.NotFound($"network {id} not found");
        return Json.Ok(UserView(user, networks, withContainers: true), DaemonJson.Api.NetworkView);
    }

    private static Dictionary<string, AttachedView> Attached(NetworkService networks, string network) =>
        networks.AttachedTo(network).ToDictionary(x => x.Container.Id, x =>
            new AttachedView(Name: x.Container.Name, EndpointID: Models.ContainerViews.EndpointId(x.Container, network), MacAddress: x.Attachment.MacAddress, IPv4Address: $"{x.Attachment.IPAddress}/{x.Attachment.IPPrefixLen}",
                IPv6Address: x.Attachment.GlobalIPv6Address.Length > 0 ? $"{x.Attachment.GlobalIPv6Address}/{x.Attachment.GlobalIPv6PrefixLen}" : ""));

    private static NetworkView UserView(Core.Networking.NetworkDefinition n, NetworkService networks, bool withContainers) => new(
        Name: n.Name,
        Id: n.Id,
        Created: GoTime.Format(n.Created),
        Scope: "local",
        Driver: n.Driver,
        EnableIPv4: true,
        EnableIPv6: n.EnableIPv6,
        IPAM: new IpamView(
            Driver: "default",
            Options: null, // no IPAM options are kept: dockerd shows its nil map
            Config: n.IPv6 is { } v6
                ? [IpamConfigView(n.Subnet, n.GatewayShown ? n.Gateway : "", n.IPRange, n.AuxiliaryAddresses), IpamConfigView(v6.Subnet, v6.Gateway, v6.IPRange, v6.AuxiliaryAddresses)]
                : [IpamConfigView(n.Subnet, n.GatewayShown ? n.Gateway : "", n.IPRange, n.AuxiliaryAddresses)]),
        Internal: n.Internal,
        Attachable: n.Attachable,
        Ingress: false,
        ConfigFrom: new ConfigFromView(Network: ""),
        ConfigOnly: false,
        Containers: withContainers ? Attached(networks, n.Name) : new Dictionary<string, AttachedView>(),
        Options: n.Options,
        Labels: n.Labels);

    /// <summary>An <c>IPAM.Config</c> entry with only the fields set, as Go's omitempty writes it.</summary>
    private static IpamConfigEntry IpamConfigView(string subnet, string gateway, string range, Dictionary<string, string>? aux) => new(
        Subnet: subnet,
        IPRange: range.Length > 0 ? range : null,
        Gateway: gateway.Length > 0 ? gateway : null,
        AuxiliaryAddresses: aux is { Count: > 0 } ? aux : null);

    private static NetworkView View(PredefinedNetworks.Network n, NetworkService networks, bool withContainers)
    {
        bool bridge = n.Name == "bridge";
        var attached = withContainers && bridge ? Attached(networks, n.Name) : new Dictionary<string, AttachedView>();
        return new(
            Name: n.Name,
            Id: n.Id,
            Created: GoTime.Format(networks.PredefinedCreated),
            Scope: "local",
            Driver: n.Driver,
            EnableIPv4: bridge,
            EnableIPv6: bridge && networks.Bridge.FixedCidrV6 is not null,
            IPAM: new IpamView(
                Driver: "default",
                Options: null,
                Config: !bridge ? []
                    : networks.Bridge.FixedCidrV6 is { } v6 ? [IpamConfigView(networks.Bridge.Subnet, networks.Bridge.Gateway.ToString(), "", null), IpamConfigView(v6.ToString(), "", "", null)]
                    : [IpamConfigView(networks.Bridge.Subnet, networks.Bridge.Gateway.ToString(), "", null)]),
            Internal: false,
            Attachable: false,
            Ingress: false,
            ConfigFrom: new ConfigFromView(Network: ""),
            ConfigOnly: false,
            Containers: attached,
            Options: bridge
                ? new Dictionary<string, string>
                {
                    ["com.docker.network.bridge.default_bridge"] = "true",
                    ["com.docker.network.bridge.enable_ip_masquerade"] = "true",
                    ["com.docker.network.bridge.name"] = networks.Bridge.Bridge,
                }
                : new Dictionary<string, string>(),
            Labels: new Dictionary<string, string>());
    }

    private static Dictionary<string, List<string>> ParseFilters(string? json) => FilterTerms.Parse(json, s_filters.Contains);


    // The wire shapes, fields in Docker's order.
    internal sealed record NetworkCreateResponse(string Id, string Warning);

    internal sealed record NetworkPruneResponse(IReadOnlyList<string> NetworksDeleted);

    internal sealed record NetworkView(string Name, string Id, string Created, string Scope, string Driver, bool EnableIPv4, bool EnableIPv6,
        IpamView IPAM, bool Internal, bool Attachable, bool Ingress, ConfigFromView ConfigFrom, bool ConfigOnly,
        Dictionary<string, AttachedView> Containers, Dictionary<string, string> Options, Dictionary<string, string> Labels);

    internal sealed record IpamView(string Driver, Dictionary<string, string>? Options, IpamConfigEntry[] Config);

    internal sealed record IpamConfigEntry(string Subnet,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? IPRange,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gateway,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string>? AuxiliaryAddresses);

    internal sealed record ConfigFromView(string Network);

    internal sealed record AttachedView(string Name, string EndpointID, string MacAddress, string IPv4Address, string IPv6Address);
}
