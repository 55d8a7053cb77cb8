using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Containers;
using Berth.Engine.Files;
using Berth.Engine.Metadata;
using Berth.Engine.Networking.Dns;
using Berth.Engine.Services;
using Berth.Linux.Cni;
using Berth.Linux.Namespaces;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networking;

/// <summary>
/// Bridge networks: the default <c>bridge</c> and user-defined ones (in
/// <c>NetworkService.Networks.cs</c>). A container gets, before runc starts:
/// <code>
///   netns pinned at &lt;exec-root&gt;/netns/&lt;id&gt;, lo up (in-process), then for each network it is on (eth0, eth1...),
///   side by side with the runtime's create:
///     → bridge ADD   (veth into the network's bridge, addresses from the network's <see cref="AddressBook"/>,
///                     default routes; in-process over rtnetlink, <see cref="BridgePlugin"/>)
///     → port rules   (DNAT of the published host ports, <see cref="PortRules"/>; eth0 only, with ports)
///   [::1]: the published TCP ports relayed by <see cref="LoopbackProxy"/> (DNAT cannot take IPv6 loopback)
/// </code>
/// <c>network connect</c> and <c>disconnect</c> add and remove one interface the same way
/// while it runs. At its exit every interface gets DEL in reverse order (its addresses
/// released), then the namespace goes, taking the veths with it. An interface named by a
/// conflist that is not Berth's goes through that conflist's CNI plugins instead.
/// Masquerade and FORWARD acceptance are the network's (<see cref="BridgeRules"/>); a
/// user-defined network also has a resolver of its own (<see cref="DnsServer"/>).
/// host and none need nothing here: runc keeps the host's namespace or makes an empty one.
/// </summary>
public sealed partial class NetworkService
{
    private readonly DaemonPaths _paths;
    private readonly BridgeConfig _bridge;
    private readonly CniPlugin _plugins;
    private readonly PortAllocator _ports;
    private readonly AddressPools _pools;
    private readonly MetadataStore _metadata;
    private readonly Events.EventLog _events;
    private readonly IContainerCatalog _containers;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Task> _rules = new();
    private readonly Lock _rulesLock = new();
    private readonly ConcurrentDictionary<string, LoopbackProxy> _loopback = new();
    private readonly PortRules _portRules;
    private readonly BridgePlugin _bridgePlugin = new();
    private readonly BridgeNetwork _default;
    /// <summary>Sockets opened in namespaces as they were made, until their container's attach uses them.</summary>
    private readonly ConcurrentDictionary<string, Linux.Networking.RouteSocket> _inside = new();

    public NetworkService(DaemonPaths paths, BridgeConfig bridge, AddressPools pools, CniPlugin plugins, PortAllocator ports, MetadataStore metadata,
        IContainerCatalog containers, Events.EventLog events, ILogger<NetworkService> log)
    {
        _containers = containers;
        _pools = pools;
        _events = events;
        _paths = paths;
        _bridge = bridge;
        _plugins = plugins;
        _ports = ports;
        _metadata = metadata;
        _log = log;
        _portRules = new PortRules(log);
        Directory.CreateDirectory(NetworkDir);
        _default = BridgeNetwork.Default(bridge, NetworkDir);
        WriteConflist(CniConfig.NetworkName, _default.Conflist());
    }

    public BridgeConfig Bridge => _bridge;

    /// <summary>Publishes a network event as Docker's: the network's ID, its name and type, and the container if one is involved.</summary>
    public void Emit(string action, string network, string? container = null)
    {
        var attributes = new Dictionary<string, string> { ["name"] = network, ["type"] = "bridge" };
        if (container is not null)
            attributes["container"] = container;
        _events.Publish("network", action, FindUserNetwork(network)?.Id ?? PredefinedNetworks.IdOf(network), attributes);
    }

    private string NetworkDir => Path.Combine(_paths.DataRoot, "network");

    /// <summary>A network's conflist berthd hands the plugins, written for people who want to read it.</summary>
    private string ConflistPath(string network) => Path.Combine(NetworkDir, network + ".conflist");

    private string NamespaceDir => Path.Combine(_paths.ExecRoot, "netns");

    public string NamespaceOf(string id) => Path.Combine(NamespaceDir, id);

    private string ResultDir => Path.Combine(_paths.ExecRoot, "network");

    /// <summary>An interface's ADD result (CNI's format): the addresses its DEL releases; a third-party plugin gets it back as prevResult.</summary>
    private string ResultOf(string id, string ifName) => Path.Combine(ResultDir, $"{id}.{ifName}.json");

    /// <summary>Which network an interface is on, for a DEL after a crash.</summary>
    private string NetworkNameOf(string id, string ifName) => Path.Combine(ResultDir, $"{id}.{ifName}.network");

    /// <summary>The interfaces a container's namespace has according to the files ADD left, in order.</summary>
    private IEnumerable<string> InterfacesOf(string id) =>
        Directory.Exists(ResultDir)
            ? Directory.GetFiles(ResultDir, id + ".*.network").Select(f => Path.GetFileName(f)[(id.Length + 1)..^".network".Length]).OrderBy(InterfaceIndex)
            : [];

    private static int InterfaceIndex(string ifName) => int.TryParse(ifName.AsSpan(3), out int n) ? n : 0;

    /// <summary>Whether a container has a network namespace of its own on a bridge network (not host, none or container:).</summary>
    public static bool UsesBridge(Container c) => UsesBridge(c.HostConfig.NetworkMode);

    public static bool UsesBridge(string mode) => mode is not ("host" or "none") && !mode.StartsWith("container:", StringComparison.Ordinal);

    public static bool IsDefault(string mode) => mode is "bridge" or "" or "default";

    /// <summary>
    /// Checks what create can check: the published port specs parse. A missing network is
    /// not refused until start, as Docker does (the container stays created).
    /// </summary>
    public static void Validate(HostConfig host, ContainerConfig config) => PortRequest.From(host, config);

    /// <summary>A network a container can be on: its name, its shape, and definition if user-defined.</summary>
    private sealed record Target(string Name, BridgeNetwork Network, NetworkDefinition? User);

    /// <summary>The network a name (or ID) stands for; host and none are not ones to attach to.</summary>
    private Target Resolve(string nameOrId)
    {
        if (IsDefault(nameOrId) || PredefinedNetworks.Find(nameOrId)?.Name == "bridge")
            return new(CniConfig.NetworkName, _default, null);
        var user = FindUserNetwork(nameOrId) ?? throw BerthException.NotFound($"network {nameOrId} not found");
        return new(user.Name, UserNetwork(user), user);
    }

    /// <summary>The name a network is known by, for a name, an ID or an ID prefix.</summary>
    public string CanonicalName(string nameOrId) =>
        PredefinedNetworks.Find(nameOrId) is { } p && !IsDefault(nameOrId) ? p.Name : Resolve(nameOrId).Name;

    /// <summary>
    /// The first half of a start's networking: the container's network namespace, made (after
    /// a stale one from a crash is taken down) so that the runtime can create the container in
    /// it while <see cref="AttachAsync"/> fills it. Null for host, none and container: networking.
    /// </summary>
    public async Task<string?> CreateNamespaceAsync(Container c)
    {
        if (!UsesBridge(c))
            return null;
        string netns = NamespaceOf(c.Id);
        var phases = new PhaseTimer(_log, "network namespace", c.Id);
        await TearDownAsync(c.Id, netns);
        phases.Mark("stale teardown");
        var inside = NetworkNamespace.Create(netns);
        if (_inside.TryGetValue(c.Id, out var stale) && _inside.TryUpdate(c.Id, inside, stale))
            stale.Dispose();
        else if (!_inside.TryAdd(c.Id, inside))
            inside.Dispose();
        phases.Mark("create");
        phases.Log();
        return netns;
    }

    /// <summary>
    /// Puts a starting container on its networks in the namespace <see cref="CreateNamespaceAsync"/>
    /// made: an interface per network (eth0 for the one its network mode names, with the
    /// published ports); empty for host, none and container: networking. On failure
    /// everything it made, the namespace too, is gone.
    /// </summary>
    public async Task<IReadOnlyList<NetworkAttachment>> AttachAsync(Container c, CancellationToken ct)
    {
        if (!UsesBridge(c))
            return [];
        var wanted = EndpointsOf(c).Select(e => (Target: Resolve(e.Network), e.Config)).ToList();
        foreach (var (target, config) in wanted)
            CheckEndpoint(target, config, c.Id);
        IReadOnlyList<PublishedPort> ports;
        try
        {
            // Off every network (disconnected from all), there is no interface to publish on.
            ports = wanted.Count == 0 ? [] : _ports.Allocate(PortRequest.From(c.HostConfig, c.Config));
        }
        catch (BerthException e)
        {
            throw new BerthException(e.Kind, $"failed to set up container networking: driver failed programming external connectivity on endpoint {c.Name} ({c.Id}): {e.Message}", e);
        }
        string netns = NamespaceOf(c.Id);
        var attachments = new List<NetworkAttachment>();
        // The rest is kernel work on this thread: the caller goes on to the runtime's create meanwhile.
        await Task.Yield();
        var phases = new PhaseTimer(_log, "network attach", c.Id);
        _inside.TryRemove(c.Id, out var inside);
        try
        {
            for (int i = 0; i < wanted.Count; i++)
                attachments.Add(await AddInterfaceAsync(c.Id, netns, wanted[i].Target, wanted[i].Config, "eth" + i, i == 0 ? ports : [], ct, phases, inside));
            StartLoopbackProxy(c.Id, attachments.FirstOrDefault());
            phases.Log();
            return attachments;
        }
        catch (Exception e)
        {
            foreach (var a in attachments.Where(a => a.Ports.Count > 0))
                await _portRules.RemoveAsync(c.Id, a);
            await TearDownAsync(c.Id, netns);
            _ports.Release(ports);
            if (e is BerthException b)
                throw new BerthException(b.Kind, "failed to set up container networking: " + b.Message, b);
            throw;
        }
        finally
        {
            inside?.Dispose();
        }
    }

    /// <summary>The networks a container asks for, its network mode's first (unless it was disconnected from that one).</summary>
    private static IEnumerable<(string Network, EndpointConfig Config)> EndpointsOf(Container c)
    {
        string primary = IsDefault(c.HostConfig.NetworkMode) ? CniConfig.NetworkName : c.HostConfig.NetworkMode;
        if (!c.OffModeNetwork)
            yield return (primary, c.Endpoints.TryGetValue(primary, out var own) ? own : new EndpointConfig());
        foreach (var (network, config) in c.Endpoints)
            if (network != primary)
                yield return (network, config);
    }

    /// <summary>
    /// <c>docker network connect</c> for a running container: a new interface (the next
    /// <c>ethN</c>) in its namespace, on the network.
    /// </summary>
    public async Task<NetworkAttachment> ConnectAsync(Container c, string network, EndpointConfig config, CancellationToken ct)
    {
        var target = Resolve(network);
        if (c.State.Networks.Any(a => a.Network == target.Name))
            throw BerthException.Forbidden($"endpoint with name {c.Name} already exists in network {target.Name}");
        CheckEndpoint(target, config, c.Id);
        string netns = NamespaceOf(c.Id);
        string ifName = "eth" + (c.State.Networks.Select(a => InterfaceIndex(a.Interface)).DefaultIfEmpty(-1).Max() + 1);
        try
        {
            return await AddInterfaceAsync(c.Id, netns, target, config, ifName, [], ct);
        }
        catch (BerthException e)
        {
            await RemoveInterfaceAsync(c.Id, netns, ifName, []);
            throw new BerthException(e.Kind, "failed to set up container networking: " + e.Message, e);
        }
    }

    /// <summary><c>docker network disconnect</c> for a running container: its interface on that network goes.</summary>
    public async Task DisconnectAsync(string id, NetworkAttachment attachment)
    {
        if (attachment.Ports.Count > 0)
        {
            StopLoopbackProxy(id);
            await _portRules.RemoveAsync(id, attachment);
        }
        await RemoveInterfaceAsync(id, attachment.SandboxKey, attachment.Interface, attachment.Ports);
        _ports.Release(attachment.Ports);
    }

    /// <summary>
    /// Docker's refusals of endpoint settings at create and connect: fixed addresses that are
    /// not addresses of their family, aliases and fixed addresses anywhere but on a user-defined network.
    /// </summary>
    public static void CheckUserDefinedOnly(string network, EndpointConfig endpoint)
    {
        if (endpoint.IPv4Address.Length > 0 && !(IPAddress.TryParse(endpoint.IPv4Address, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork))
            throw BerthException.Invalid($"invalid IPv4 address: {endpoint.IPv4Address}");
        if (endpoint.IPv6Address.Length > 0 && !(IPAddress.TryParse(endpoint.IPv6Address, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            throw BerthException.Invalid($"invalid IPv6 address: {endpoint.IPv6Address}");
        if (UsesBridge(network) && !IsDefault(network))
            return;
        if (endpoint.Aliases.Count > 0)
            throw BerthException.Invalid("network-scoped alias is supported only for containers in user defined networks");
        if (endpoint.IPv4Address.Length > 0 || endpoint.IPv6Address.Length > 0)
            throw BerthException.Invalid("user specified IP address is supported on user defined networks only");
    }

    /// <summary>Refuses what Docker refuses of <c>--ip</c>, <c>--ip6</c> and <c>--mac-address</c> on a network, before anything is made.</summary>
    private void CheckEndpoint(Target target, EndpointConfig config, string containerId)
    {
        if (config.MacAddress.Length > 0 && !System.Net.NetworkInformation.PhysicalAddress.TryParse(config.MacAddress, out _))
            throw BerthException.Invalid($"invalid MAC address: {config.MacAddress}");
        if (config.IPv4Address.Length == 0 && config.IPv6Address.Length == 0)
            return;
        CheckUserDefinedOnly(target.Name, config);
        var user = target.User!;
        if (config.IPv4Address.Length > 0)
            CheckFixedAddress(config.IPv4Address, IPNetwork.Parse(user.Subnet), IPAddress.Parse(user.Gateway), user.AuxiliaryAddresses, user.Name,
                a => a.IPAddress, containerId);
        if (config.IPv6Address.Length > 0)
        {
            var v6 = user.IPv6 ?? throw BerthException.Invalid("user specified IP address is supported only when connecting to networks with user configured subnets");
            CheckFixedAddress(config.IPv6Address, IPNetwork.Parse(v6.Subnet), BridgeNetwork.GatewayOf(v6), v6.AuxiliaryAddresses, user.Name,
                a => a.GlobalIPv6Address, containerId);
        }
    }

    /// <summary>A fixed address must be of the subnet and neither the gateway, an auxiliary address nor another running container's.</summary>
    private void CheckFixedAddress(string asked, IPNetwork subnet, IPAddress gateway, Dictionary<string, string> aux, string network,
        Func<NetworkAttachment, string> addressOf, string containerId)
    {
        if (!IPAddress.TryParse(asked, out var ip) || !subnet.Contains(ip))
            throw BerthException.Invalid($"Invalid address {asked}: It does not belong to any of this network's subnets");
        if (ip.Equals(gateway) || aux.Values.Any(a => IPAddress.Parse(a).Equals(ip)) || _containers.Running().Any(c => c.Id != containerId
                && c.State.Networks.Any(a => a.Network == network && addressOf(a) is { Length: > 0 } held && IPAddress.Parse(held).Equals(ip))))
            throw BerthException.Forbidden("Address already in use");
    }

    /// <summary>One interface of the namespace on one network (<see cref="BridgePlugin.Add"/>), then its published ports.</summary>
    private async Task<NetworkAttachment> AddInterfaceAsync(string id, string netns, Target target, EndpointConfig endpoint, string ifName,
        IReadOnlyList<PublishedPort> ports, CancellationToken ct, PhaseTimer? phases = null, Linux.Networking.RouteSocket? inside = null)
    {
        Directory.CreateDirectory(ResultDir);
        AtomicFile.Write(NetworkNameOf(id, ifName), target.Name, durable: false);
        await EnsureRulesAsync(target.Name, target.User);
        phases?.Mark(ifName + " network file and rules");
        // A network with an IPv6 subnet but IPv6 off takes --ip6 and ignores it, as Docker does.
        if (target.User is not { EnableIPv6: true })
            endpoint = endpoint with { IPv6Address = "" };
        var result = _bridgePlugin.Add(id, netns, ifName, target.Network, endpoint, inside, phases);
        AtomicFile.Write(ResultOf(id, ifName), result.ToJsonString(), durable: false);
        if (target.User is not null)
            EnsureResolver(target.User); // the bridge has its gateway address now
        var parsed = CniResult.Parse(result.ToJsonString(), ifName);
        var attachment = new NetworkAttachment
        {
            Network = target.Name,
            Interface = ifName,
            SandboxKey = netns,
            IPAddress = parsed.IPAddress,
            IPPrefixLen = parsed.PrefixLength,
            Gateway = parsed.Gateway,
            MacAddress = parsed.MacAddress,
            GlobalIPv6Address = parsed.IPv6Address,
            GlobalIPv6PrefixLen = parsed.IPv6PrefixLength,
            IPv6Gateway = parsed.IPv6Gateway,
            Ports = ports,
        };
        phases?.Mark(ifName + " result");
        if (ports.Count > 0)
        {
            await _portRules.AddAsync(id, target.User?.Bridge ?? _bridge.Bridge, attachment, ct);
            phases?.Mark(ifName + " port rules");
        }
        return attachment;
    }

    /// <summary>Takes the container off all its networks; idempotent, and never throws (failures are logged).</summary>
    public async Task DetachAsync(string id, IReadOnlyList<NetworkAttachment> attachments)
    {
        string netns = attachments.FirstOrDefault()?.SandboxKey ?? NamespaceOf(id);
        var phases = new PhaseTimer(_log, "network detach", id);
        foreach (var a in attachments.Where(a => a.Ports.Count > 0))
            await _portRules.RemoveAsync(id, a);
        phases.Mark("port rules");
        if (attachments.Count > 0 || File.Exists(netns) || InterfacesOf(id).Any())
            await TearDownAsync(id, netns, attachments.SelectMany(a => a.Ports).ToList(), phases);
        foreach (var a in attachments)
            _ports.Release(a.Ports);
        phases.Log();
    }

    /// <summary>
    /// After a daemon restart, before anything else: the port forwarding of the containers
    /// recorded as running made afresh (what a crash left behind goes).
    /// </summary>
    public void RestorePortForwarding(IEnumerable<(string Id, IReadOnlyList<NetworkAttachment> Networks)> running) =>
        _portRules.Rederive(running.SelectMany(r => r.Networks.Where(a => a.Ports.Count > 0).Select(a => (r.Id, a))));

    /// <summary>
    /// After a daemon restart: re-holds the ports of a container still running and brings back
    /// its networks' rules and resolvers.
    /// </summary>
    public void Restore(string id, IReadOnlyList<NetworkAttachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            _ports.Reserve(attachment.Ports);
            if (FindUserNetwork(attachment.Network) is { } user)
            {
                _ = EnsureRulesAsync(user.Name, user);
                try
                {
                    EnsureResolver(user);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    LogMessages.CleanupFailed(_log, "dns resolver", user.Name, e);
                }
            }
        }
        StartLoopbackProxy(id, attachments.FirstOrDefault(a => a.Ports.Count > 0));
    }

    /// <summary>Namespaces and interfaces under the exec root whose container is not running (a crash between ADD and DEL).</summary>
    public async Task RemoveOrphansAsync(ISet<string> running)
    {
        var ids = new HashSet<string>();
        if (Directory.Exists(NamespaceDir))
            ids.UnionWith(Directory.GetFiles(NamespaceDir).Select(Path.GetFileName)!);
        if (Directory.Exists(ResultDir))
            ids.UnionWith(Directory.GetFiles(ResultDir, "*.network").Select(f => Path.GetFileName(f).Split('.')[0]));
        foreach (string id in ids.Where(id => !running.Contains(id)))
            await TearDownAsync(id, NamespaceOf(id));
        // Addresses held for containers that are gone, whatever else of theirs a crash left or not.
        foreach (var network in UserNetworks().Select(UserNetwork).Prepend(_default))
        {
            int released = _bridgePlugin.BookOf(network).ReleaseUnless(running.Contains);
            if (released > 0)
                LogMessages.AddressesReleased(_log, released, network.Name);
        }
    }

    /// <summary>The published ports' listeners on [::1] (<see cref="LoopbackProxy"/>), for the interface that has the ports.</summary>
    private void StartLoopbackProxy(string id, NetworkAttachment? withPorts)
    {
        if (withPorts is not null && LoopbackProxy.Start(withPorts, _log) is { } proxy && !_loopback.TryAdd(id, proxy))
            proxy.Dispose();
    }

    private void StopLoopbackProxy(string id)
    {
        if (_loopback.TryRemove(id, out var proxy))
            proxy.Dispose();
    }

    /// <summary>Every interface's DEL (those ADD got halfway with too), then the namespace goes.</summary>
    private async Task TearDownAsync(string id, string netns, IReadOnlyList<PublishedPort>? ports = null, PhaseTimer? phases = null)
    {
        StopLoopbackProxy(id);
        if (_inside.TryRemove(id, out var unused))
            unused.Dispose(); // a start that failed before its attach
        foreach (string ifName in InterfacesOf(id).Reverse())
        {
            await RemoveInterfaceAsync(id, netns, ifName, ifName == "eth0" ? ports ?? [] : [], namespaceGoes: true);
            phases?.Mark(ifName + " DEL");
        }
        try
        {
            NetworkNamespace.Remove(netns);
            phases?.Mark("namespace removal");
        }
        catch (Exception e) when (e is BerthException or IOException)
        {
            LogMessages.CleanupFailed(_log, "network namespace", id, e);
        }
    }

    /// <param name="namespaceGoes">The namespace is removed next: its veths go with it, so on our own
    /// networks only the addresses are released. Deleting a veth waits for the kernel's RCU grace
    /// period, tens of milliseconds on every container exit; the namespace's end does the same
    /// work off the exit's path.</param>
    private async Task RemoveInterfaceAsync(string id, string netns, string ifName, IReadOnlyList<PublishedPort> ports, bool namespaceGoes = false)
    {
        string resultPath = ResultOf(id, ifName), namePath = NetworkNameOf(id, ifName);
        JsonNode? cached = null;
        try
        {
            cached = File.Exists(resultPath) ? JsonNode.Parse(File.ReadAllText(resultPath)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // A result cut short by a crash: DEL without it.
        }
        string name = File.Exists(namePath) ? File.ReadAllText(namePath) : CniConfig.NetworkName;
        var user = name == CniConfig.NetworkName ? null : FindUserNetwork(name);
        if (name == CniConfig.NetworkName || user is not null || !File.Exists(ConflistPath(name)))
        {
            // Ours (a network removed since has taken its addresses along: only the interface is left).
            try
            {
                _bridgePlugin.Remove(id, netns, ifName, user is not null ? UserNetwork(user) : name == CniConfig.NetworkName ? _default : null, cached, namespaceGoes);
            }
            catch (Exception e) when (e is BerthException or IOException)
            {
                LogMessages.CleanupFailed(_log, "network (bridge)", id, e);
            }
        }
        else
        {
            var conflist = JsonNode.Parse(File.ReadAllText(ConflistPath(name)))!.AsObject();
            foreach (JsonObject plugin in Plugins(conflist, ports).Reverse())
                await DeleteAsync(plugin["type"]!.GetValue<string>(), id, netns, ifName, CniConfig.ForPlugin(conflist, plugin, cached, ports));
        }
        File.Delete(resultPath);
        File.Delete(namePath);
    }

    private static IEnumerable<JsonObject> Plugins(JsonObject conflist, IReadOnlyList<PublishedPort> ports) =>
        conflist["plugins"]!.AsArray().Cast<JsonObject>().Where(p => CniConfig.IsNeeded(p, ports));

    /// <summary>A network's own rules, installed once per daemon run (again after a failure).</summary>
    private Task EnsureRulesAsync(string name, NetworkDefinition? user)
    {
        lock (_rulesLock)
        {
            if (!_rules.TryGetValue(name, out var task) || task.IsFaulted || task.IsCanceled)
                _rules[name] = task = user is null
                    ? BridgeRules.InstallAsync(_bridge.Bridge, _bridge.Subnet, isInternal: false, dns: false, BridgeOptions.Default, CancellationToken.None)
                    : BridgeRules.InstallAsync(user.Bridge, user.Subnet, user.Internal, dns: true, BridgeOptions.Of(user), CancellationToken.None);
            return task;
        }
    }

    private void WriteConflist(string name, JsonObject conflist) =>
        AtomicFile.Write(ConflistPath(name), conflist.ToJsonString(new() { WriteIndented = true }) + "\n", durable: false);

    private async Task DeleteAsync(string type, string id, string netns, string ifName, JsonObject config)
    {
        try
        {
            await _plugins.ExecAsync(type, "DEL", id, File.Exists(netns) ? netns : "", ifName, Bytes(config), CancellationToken.None);
        }
        catch (BerthException e)
        {
            LogMessages.CleanupFailed(_log, "network (" + type + ")", id, e);
        }
    }

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
