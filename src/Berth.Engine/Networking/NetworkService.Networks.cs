using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking.Dns;
using Berth.Linux.Processes;

namespace Berth.Engine.Networking;

/// <summary>The request of <c>docker network create</c>, checked by <see cref="NetworkService.CreateNetwork"/>.</summary>
public sealed record NetworkRequest(string Name, string Driver, string? Subnet, string? Gateway, string? IPRange, bool Internal,
    Dictionary<string, string> Labels, Dictionary<string, string> Options);

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

    private JsonObject UserConflist(NetworkDefinition n)
    {
        var network = IPNetwork.Parse(n.Subnet);
        var bridge = new BridgeConfig(n.Bridge, IPAddress.Parse(n.Gateway), network.PrefixLength);
        return CniConfig.Conflist(bridge, Path.Combine(NetworkDir, "ipam-" + n.Id[..12]), n.Name, n.Internal,
            n.IPRange.Length > 0 ? IPNetwork.Parse(n.IPRange) : null, BridgeOptions.Of(n).Mtu);
    }

    /// <summary>
    /// <c>docker network create</c> for the bridge driver: the subnet given or the first free
    /// one of the address pools (<see cref="AddressPools"/>), its first address as the
    /// gateway unless given, a bridge named <c>br-</c> and the ID's start.
    /// </summary>
    private const int MaxNetworkName = 255 - 9 /* ".conflist" */;

    public NetworkDefinition CreateNetwork(NetworkRequest r)
    {
        if (string.IsNullOrEmpty(r.Name))
            throw BerthException.Invalid("network name cannot be empty");
        if (!System.Text.RegularExpressions.Regex.IsMatch(r.Name, "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"))
            throw BerthException.Invalid($"invalid network name \"{r.Name}\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        // The name is a file's (<name>.conflist): NAME_MAX bounds it.
        if (r.Name.Length > MaxNetworkName)
            throw BerthException.Invalid($"invalid network name \"{r.Name}\": longer than {MaxNetworkName} characters");
        if (PredefinedNetworks.Find(r.Name) is { } predefined && predefined.Name == r.Name)
            throw BerthException.Forbidden($"{r.Name} is a pre-defined network and cannot be recreated");
        if (r.Driver is not ("" or "bridge"))
            throw BerthException.NotFound($"plugin \"{r.Driver}\" not found");
        if (FindUserNetwork(r.Name) is { } existing && existing.Name == r.Name)
            throw BerthException.Conflict($"network with name {r.Name} already exists");
        BridgeOptions.From(r.Options);

        var taken = _metadata.ListNetworks().Select(n => IPNetwork.Parse(n.Subnet)).Append(_bridge.Network()).ToList();
        IPNetwork subnet = r.Subnet is { Length: > 0 } s ? ParseSubnet(s) : FreeSubnet(taken);
        if (r.Subnet is { Length: > 0 } && taken.Any(t => Overlaps(t, subnet)))
            throw BerthException.Forbidden($"Pool overlaps with other one on this address space");
        IPAddress gateway = r.Gateway is { Length: > 0 } g
            ? IPAddress.TryParse(g, out var gw) && subnet.Contains(gw) ? gw : throw BerthException.Invalid($"invalid gateway {g}: not in subnet {subnet}")
            : Offset(subnet.BaseAddress, 1);
        if (r.IPRange is { Length: > 0 } range && !(ParseSubnet(range) is var ipRange && subnet.Contains(ipRange.BaseAddress) && ipRange.PrefixLength >= subnet.PrefixLength))
            throw BerthException.Invalid($"invalid ip-range {range}: not within subnet {subnet}");

        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string bridgeName = r.Options.TryGetValue("com.docker.network.bridge.name", out var named) && named.Length > 0 ? named : "br-" + id[..12];
        if (bridgeName.Length > 15)
            throw BerthException.Invalid($"invalid bridge name {bridgeName}: longer than 15 characters");
        var network = new NetworkDefinition
        {
            Id = id, Name = r.Name, Bridge = bridgeName, Subnet = subnet.ToString(), Gateway = gateway.ToString(),
            IPRange = r.IPRange ?? "", Internal = r.Internal, Labels = r.Labels, Options = r.Options, Created = DateTime.UtcNow,
        };
        _metadata.InsertNetwork(network);
        WriteConflist(network.Name, UserConflist(network));
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
        try
        {
            await ToolRunner.RunAsync("ip", ["link", "delete", network.Bridge, "type", "bridge"], ct);
        }
        catch (ToolException)
        {
            // Never created: no container ever joined.
        }
        string ipam = Path.Combine(NetworkDir, "ipam-" + network.Id[..12]);
        if (Directory.Exists(ipam))
            Directory.Delete(ipam, recursive: true);
        File.Delete(ConflistPath(network.Name));
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
        // A --link on a user-defined network is a name only its container resolves.
        string? linked = (askingContainer?.HostConfig.Links ?? []).Select(LinkSpec.Parse)
            .FirstOrDefault(l => string.Equals(l.Alias, name, StringComparison.OrdinalIgnoreCase)).Target;
        var found = running
            .SelectMany(c => c.State.Networks.Where(a => scope.Contains(a.Network) && a.IPAddress.Length > 0
                && (Answers(c, a.Network, name) || c.Name == linked)))
            .OrderBy(a => a.Network != network)
            .Select(a => IPAddress.Parse(a.IPAddress))
            .Distinct()
            .ToList();
        return found.Count > 0 ? found : null;
    }

    private static bool Answers(Container c, string network, string name) =>
        string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
        || c.AliasesOn(network).Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
        || (name.Length >= 12 && c.Id.StartsWith(name, StringComparison.Ordinal));

    /// <summary>The host's resolvers; berthd runs in the host's namespace, so loopback ones work too.</summary>
    private static IReadOnlyList<IPEndPoint> Upstreams() =>
        (File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf") : [])
            .Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 2 && p[0] == "nameserver" && IPAddress.TryParse(p[1], out _))
            .Select(p => new IPEndPoint(IPAddress.Parse(p[1]), 53))
            .ToList();

    private static IPNetwork ParseSubnet(string text) =>
        IPNetwork.TryParse(text, out var n) && n.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? n : throw BerthException.Invalid($"invalid CIDR address: {text}");

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

    private static IPAddress Offset(IPAddress address, int by)
    {
        byte[] b = address.GetAddressBytes();
        uint v = ((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]) + (uint)by;
        return new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
    }
}
