using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking.Dns;
using Berth.Linux.Networking;

namespace Berth.Engine.Networking;

/// <summary>The request of <c>docker network create</c>, checked by <see cref="NetworkService.CreateNetwork"/>.</summary>
public sealed record NetworkRequest(string Name, string Driver, IReadOnlyList<IpamConfig> Ipam, bool EnableIPv6, bool Internal,
    Dictionary<string, string> Labels, Dictionary<string, string> Options, bool Attachable = false);

public sealed partial class NetworkService
{
    private readonly Dictionary<string, DnsServer> _resolvers = [];

    public IReadOnlyList<NetworkDefinition> UserNetworks() => _metadata.ListNetworks();

    /// <summary>By name, full ID, or unique ID prefix, as Docker finds networks.</summary>
    public NetworkDefinition? FindUserNetwork(string nameOrId)
    {
        var all = _metadata.ListNetworks();
        return all.FirstOrDefault(n => n.Name == nameOrId) ?? all.FirstOrDefault(n => n.Id == nameOrId)
            ?? (all.Where(n => n.Id.StartsWith(nameOrId, StringComparison.Ordinal)).Take(2).ToList() is [var one] ? one : null);
    }

    /// <summary>
    /// The network's name for the plugins and its conflist's file: Docker takes any name
    /// ("a b", "a/b", ".."), but CNI names are [a-zA-Z0-9][a-zA-Z0-9_.-]* and host-local makes
    /// a directory of it, so another name goes by the network's ID.
    /// </summary>
    private static string CniName(NetworkDefinition n) =>
        n.Name.Length <= MaxCniName && CniNamePattern().IsMatch(n.Name) ? n.Name : n.Id;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial System.Text.RegularExpressions.Regex CniNamePattern();

    /// <summary>A user-defined network's shape for its containers' interfaces.</summary>
    private BridgeNetwork UserNetwork(NetworkDefinition n) => BridgeNetwork.Of(n, CniName(n), NetworkDir);

    /// <summary>A conflist's file name is the CNI name and ".conflist": NAME_MAX bounds it.</summary>
    private const int MaxCniName = 255 - 9;

    /// <summary>
    /// <c>docker network create</c> for the bridge driver: the subnet given or the first free
    /// one of the address pools (<see cref="AddressPools"/>), its first address as the
    /// gateway unless given, a bridge named <c>br-</c> and the ID's start. Any name but an
    /// empty one is taken, as dockerd takes it.
    /// </summary>

    public NetworkDefinition CreateNetwork(NetworkRequest r)
    {
        if (string.IsNullOrEmpty(r.Name))
            throw BerthException.Invalid("network name cannot be empty");
        if (PredefinedNetworks.Find(r.Name) is { } predefined && predefined.Name == r.Name)
            throw BerthException.Forbidden($"{r.Name} is a pre-defined network and cannot be recreated");
        if (r.Driver is not ("" or "bridge"))
            throw BerthException.NotFound($"plugin \"{r.Driver}\" not found");
        if (FindUserNetwork(r.Name) is { } existing && existing.Name == r.Name)
            throw BerthException.Conflict($"network with name {r.Name} already exists");
        BridgeOptions.From(r.Options);

        var byFamily = r.Ipam.ToLookup(IsIPv6);
        if (byFamily[false].Count() > 1 || byFamily[true].Count() > 1)
            throw BerthException.Forbidden("bridge driver doesn't support multiple subnets");
        var v4 = byFamily[false].FirstOrDefault() ?? new IpamConfig { Subnet = "" };
        var networks = _metadata.ListNetworks();
        var taken = networks.Select(n => IPNetwork.Parse(n.Subnet)).Append(_bridge.Network()).ToList();
        IPNetwork subnet = v4.Subnet.Length > 0 ? ParseSubnet(v4.Subnet, AddressFamily.InterNetwork) : FreeSubnet(taken);
        if (v4.Subnet.Length > 0 && taken.Any(t => Overlaps(t, subnet)))
            throw BerthException.Forbidden($"Pool overlaps with other one on this address space");
        IPAddress gateway = CheckSubnetParts(v4 with { Subnet = subnet.ToString() }, subnet) ?? AddressMath.Offset(subnet.BaseAddress, 1);

        IpamConfig? v6 = null;
        if (byFamily[true].FirstOrDefault() is { } asked6)
        {
            var subnet6 = ParseSubnet(asked6.Subnet, AddressFamily.InterNetworkV6);
            if (networks.Any(n => n.IPv6 is { } other && Overlaps(IPNetwork.Parse(other.Subnet), subnet6)))
                throw BerthException.Forbidden($"Pool overlaps with other one on this address space");
            v6 = asked6 with { Subnet = subnet6.ToString() };
            CheckSubnetParts(v6, subnet6);
        }
        else if (r.EnableIPv6)
            throw BerthException.NotFound("could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network");

        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string bridgeName = r.Options.TryGetValue("com.docker.network.bridge.name", out var named) && named.Length > 0 ? named : "br-" + id[..12];
        if (bridgeName.Length > 15)
            throw BerthException.Invalid($"invalid bridge name {bridgeName}: longer than 15 characters");
        var network = new NetworkDefinition
        {
            Id = id, Name = r.Name, Bridge = bridgeName, Subnet = subnet.ToString(), Gateway = gateway.ToString(),
            IPRange = v4.IPRange, GatewayShown = v4.Subnet.Length == 0 || v4.Gateway.Length > 0, AuxiliaryAddresses = v4.AuxiliaryAddresses, EnableIPv6 = r.EnableIPv6, IPv6 = v6, Internal = r.Internal, Attachable = r.Attachable, Labels = r.Labels, Options = r.Options, Created = DateTime.UtcNow,
        };
        _metadata.InsertNetwork(network);
        WriteConflist(CniName(network), UserNetwork(network).Conflist());
        Emit("create", network.Name);
        return network;
    }

    /// <summary>
    /// <c>docker network rm</c>: refused while a running container is on it; otherwise its
    /// resolver, rules, bridge, address store and conflist go.
    /// </summary>
    public async Task RemoveNetworkAsync(string nameOrId, CancellationToken ct)
    {
        if (PredefinedNetworks.Find(nameOrId) is { } predefined && (predefined.Name == nameOrId || predefined.Id == nameOrId))
            throw BerthException.Forbidden($"{predefined.Name} is a pre-defined network and cannot be removed");
        var network = FindUserNetwork(nameOrId) ?? throw BerthException.NotFound($"network {nameOrId} not found");
        if (_containers.Running().Any(c => c.State.Networks.Any(a => a.Network == network.Name)))
            throw BerthException.Forbidden($"error while removing network: network {network.Name} id {network.Id} has active endpoints");
        lock (_resolvers)
            if (_resolvers.Remove(network.Name, out var resolver))
                resolver.Dispose();
        await BridgeRules.RemoveAsync(network.Bridge, network.Subnet, network.Internal, dns: true, BridgeOptions.Of(network), ct);
        _rules.TryRemove(network.Name, out _);
        BridgeDevice.Delete(network.Bridge); // false when no container ever joined
        string ipam = UserNetwork(network).IpamDir;
        if (Directory.Exists(ipam))
            Directory.Delete(ipam, recursive: true);
        File.Delete(ConflistPath(CniName(network)));
        Emit("destroy", network.Name); // before the record goes, so the event carries the network's ID
        _metadata.DeleteNetwork(network.Id);
    }

    /// <summary>Starts the network's resolver on its gateway address, once.</summary>
    private void EnsureResolver(NetworkDefinition network)
    {
        lock (_resolvers)
        {
            if (_resolvers.ContainsKey(network.Name))
                return;
            _resolvers[network.Name] = new DnsServer(IPAddress.Parse(network.Gateway), (asker, name) => Lookup(network.Name, asker, name), Upstreams(), _log);
        }
    }

    /// <summary>
    /// The addresses a name has for the container asking on a network: container names,
    /// aliases and short IDs on every network the asker is on (this one's first, as
    /// Docker's resolver answers); null if none.
    /// </summary>
    private IReadOnlyList<IPAddress>? Lookup(string network, IPAddress asker, string name)
    {
        var running = _containers.Running().ToList();
        string from = asker.ToString();
        var askingContainer = running.FirstOrDefault(c => c.State.Networks.Any(a => a.Network == network && a.IPAddress == from));
        var scope = askingContainer?.State.Networks.Select(a => a.Network).ToHashSet() ?? [network];
        // A --link on a user-defined network is a name only its container resolves, for the
        // name it links to (which need not exist when the link is made): given at create
        // (HostConfig.Links) or in the endpoint's settings at create or connect, as docker-py sends them.
        string? linked = (askingContainer?.HostConfig.Links ?? []).Concat(askingContainer?.Endpoints.Values.SelectMany(e => e.Links) ?? [])
            .Select(LinkSpec.Parse)
            .FirstOrDefault(l => string.Equals(l.Alias, name, StringComparison.OrdinalIgnoreCase)).Target;
        var found = running
            .SelectMany(c => c.State.Networks.Where(a => scope.Contains(a.Network) && a.IPAddress.Length > 0
                && (Answers(c, a.Network, name) || (linked is not null && Answers(c, a.Network, linked)))))
            .OrderBy(a => a.Network != network)
            .SelectMany(a => new[] { a.IPAddress, a.GlobalIPv6Address }.Where(x => x.Length > 0)) // the resolver answers A and AAAA from these
            .Select(IPAddress.Parse)
            .Distinct()
            .ToList();
        return found.Count > 0 ? found : null;
    }

    private static bool Answers(Container c, string network, string name) =>
        string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
        || c.AliasesOn(network).Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
        || string.Equals(c.Config.Hostname, name, StringComparison.OrdinalIgnoreCase) // in moby's DNSNames
        || (name.Length >= 12 && c.Id.StartsWith(name, StringComparison.Ordinal));

    /// <summary>The host's resolvers; berthd runs in the host's namespace, so loopback ones work too.</summary>
    private static IReadOnlyList<IPEndPoint> Upstreams() =>
        (File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf") : [])
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 2 && p[0] == "nameserver" && IPAddress.TryParse(p[1], out _))
            .Select(p => new IPEndPoint(IPAddress.Parse(p[1]), 53))
            .ToList();

    private static IPNetwork ParseSubnet(string text, AddressFamily family) =>
        IPNetwork.TryParse(text, out var n) && n.BaseAddress.AddressFamily == family
            ? n : throw BerthException.Invalid($"invalid CIDR address: {text}");

    /// <summary>Which family an IPAM config is of: its subnet's, else its range's or gateway's.</summary>
    private static bool IsIPv6(IpamConfig c) => new[] { c.Subnet, c.IPRange, c.Gateway }.FirstOrDefault(t => t.Length > 0)?.Contains(':') == true;

    /// <summary>Checks a config's gateway, range and auxiliary addresses against its subnet; returns the gateway given, if any.</summary>
    private static IPAddress? CheckSubnetParts(IpamConfig c, IPNetwork subnet)
    {
        var family = subnet.BaseAddress.AddressFamily;
        if (c.IPRange.Length > 0 && !(IPNetwork.TryParse(c.IPRange, out var range) && range.BaseAddress.AddressFamily == family
                && subnet.Contains(range.BaseAddress) && range.PrefixLength >= subnet.PrefixLength))
            throw BerthException.Invalid($"invalid ip-range {c.IPRange}: not within subnet {subnet}");
        foreach (var (name, value) in c.AuxiliaryAddresses)
        {
            if (!IPAddress.TryParse(value, out var aux))
                throw BerthException.Invalid($"invalid auxiliary address {name}: {value}");
            if (!subnet.Contains(aux))
                throw BerthException.Forbidden($"auxiliary address: ({name}:{value}) must belong to the master pool: {subnet}");
        }
        if (c.Gateway.Length == 0)
            return null;
        return IPAddress.TryParse(c.Gateway, out var gw) && subnet.Contains(gw) ? gw : throw BerthException.Invalid($"invalid gateway {c.Gateway}: not in subnet {subnet}");
    }

    /// <summary>The first subnet of the address pools that overlaps no network and no route of the host.</summary>
    private IPNetwork FreeSubnet(IReadOnlyList<IPNetwork> taken)
    {
        var used = taken.Concat(HostRoutes()).ToList();
        foreach (var candidate in _pools.Subnets())
            if (!used.Any(t => Overlaps(t, candidate)))
                return candidate;
        throw BerthException.Forbidden("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }

    /// <summary>Destinations of the host's IPv4 routes (not the default one), from /proc/net/route.</summary>
    private static IEnumerable<IPNetwork> HostRoutes()
    {
        if (!File.Exists("/proc/net/route"))
            yield break;
        foreach (string line in File.ReadLines("/proc/net/route").Skip(1))
        {
            string[] f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || !uint.TryParse(f[1], System.Globalization.NumberStyles.HexNumber, null, out uint dest)
                || !uint.TryParse(f[7], System.Globalization.NumberStyles.HexNumber, null, out uint mask) || mask == 0)
                continue;
            int prefix = System.Numerics.BitOperations.PopCount(mask);
            yield return new IPNetwork(new IPAddress(BitConverter.GetBytes(dest)), prefix);
        }
    }

    private static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
