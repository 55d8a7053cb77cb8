using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
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
/// <c>NetworkService.Networks.cs</c>). A container on one gets, before runc starts:
/// <code>
///   netns pinned at &lt;exec-root&gt;/netns/&lt;id&gt;
///     → loopback ADD (lo up), beside
///     → bridge ADD   (veth into the network's bridge, an address from host-local, default route)
///     → portmap ADD  (DNAT of the published host ports, localhost hairpin; only with ports)
/// </code>
/// and at its exit the same plugins' DEL in reverse order, then the namespace goes.
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
    private readonly MetadataStore _metadata;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Task> _rules = new();
    private readonly Lock _rulesLock = new();

    public NetworkService(DaemonPaths paths, BridgeConfig bridge, CniPlugin plugins, PortAllocator ports, MetadataStore metadata, ILogger<NetworkService> log)
    {
        _paths = paths;
        _bridge = bridge;
        _plugins = plugins;
        _ports = ports;
        _metadata = metadata;
        _log = log;
        Directory.CreateDirectory(NetworkDir);
        WriteConflist(CniConfig.NetworkName, DefaultConflist());
    }

    public BridgeConfig Bridge => _bridge;

    /// <summary>The running containers, as the resolvers need them; set by the container service.</summary>
    public Func<IEnumerable<Container>> RunningContainers { get; set; } = () => [];

    private string NetworkDir => Path.Combine(_paths.DataRoot, "network");

    /// <summary>A network's conflist berthd hands the plugins, written for people who want to read it.</summary>
    private string ConflistPath(string network) => Path.Combine(NetworkDir, network + ".conflist");

    private string NamespaceDir => Path.Combine(_paths.ExecRoot, "netns");

    public string NamespaceOf(string id) => Path.Combine(NamespaceDir, id);

    /// <summary>The cached ADD result, which DEL hands back to the plugins as prevResult (portmap and bridge find their rules and address by it).</summary>
    private string ResultOf(string id) => Path.Combine(_paths.ExecRoot, "network", id + ".json");

    /// <summary>Which network the cached result belongs to, for a DEL after a crash.</summary>
    private string NetworkNameOf(string id) => Path.Combine(_paths.ExecRoot, "network", id + ".network");

    /// <summary>Whether a container has a network namespace of its own on a bridge network (not host, none or container:).</summary>
    public static bool UsesBridge(Container c) => UsesBridge(c.HostConfig.NetworkMode);

    public static bool UsesBridge(string mode) => mode is not ("host" or "none") && !mode.StartsWith("container:", StringComparison.Ordinal);

    public static bool IsDefault(string mode) => mode is "bridge" or "" or "default";

    /// <summary>
    /// Checks what create can check: the published port specs parse. A missing network is
    /// not refused until start, as Docker does (the container stays created).
    /// </summary>
    public static void Validate(HostConfig host, ContainerConfig config) => PortRequest.From(host, config);

    private JsonObject DefaultConflist() => CniConfig.Conflist(_bridge, Path.Combine(NetworkDir, "ipam"));

    /// <summary>The network a container's mode names: its name, conflist, and definition if user-defined.</summary>
    private (string Name, JsonObject Conflist, NetworkDefinition? User) Resolve(string mode)
    {
        if (IsDefault(mode))
            return (CniConfig.NetworkName, DefaultConflist(), null);
        var user = FindUserNetwork(mode) ?? throw BerthException.NotFound($"network {mode} not found");
        return (user.Name, UserConflist(user), user);
    }

    /// <summary>Puts the container on its network; null for host and none networking.</summary>
    public async Task<NetworkAttachment?> AttachAsync(Container c, CancellationToken ct)
    {
        if (!UsesBridge(c))
            return null;
        var (name, conflist, user) = Resolve(c.HostConfig.NetworkMode);
        IReadOnlyList<PublishedPort> ports;
        try
        {
            ports = _ports.Allocate(PortRequest.From(c.HostConfig, c.Config));
        }
        catch (BerthException e)
        {
            throw new BerthException(e.Kind, $"failed to set up container networking: driver failed programming external connectivity on endpoint {c.Name} ({c.Id}): {e.Message}", e);
        }
        string netns = NamespaceOf(c.Id);
        try
        {
            NetworkNamespace.Remove(netns); // a stale one from a crash
            NetworkNamespace.Create(netns);
            Directory.CreateDirectory(Path.GetDirectoryName(ResultOf(c.Id))!);
            AtomicFile.Write(NetworkNameOf(c.Id), name, durable: false);
            // lo and eth0 are independent: their plugins run side by side.
            var loopback = _plugins.ExecAsync("loopback", "ADD", c.Id, netns, "lo", Bytes(CniConfig.Loopback()), ct);
            await EnsureRulesAsync(name, user);
            JsonNode? result = null;
            foreach (JsonObject plugin in Plugins(conflist, ports))
            {
                var config = CniConfig.ForPlugin(conflist, plugin, result, ports);
                string output = await _plugins.ExecAsync(plugin["type"]!.GetValue<string>(), "ADD", c.Id, netns, "eth0", Bytes(config), ct);
                result = JsonNode.Parse(output);
            }
            await loopback;
            AtomicFile.Write(ResultOf(c.Id), result!.ToJsonString(), durable: false);
            if (user is not null)
                EnsureResolver(user); // the bridge has its gateway address now
            var parsed = CniResult.Parse(result.ToJsonString());
            return new NetworkAttachment
            {
                Network = name,
                SandboxKey = netns,
                IPAddress = parsed.IPAddress,
                IPPrefixLen = parsed.PrefixLength,
                Gateway = parsed.Gateway,
                MacAddress = parsed.MacAddress,
                Ports = ports,
            };
        }
        catch (Exception e)
        {
            await TearDownAsync(c.Id, netns, ports);
            _ports.Release(ports);
            if (e is BerthException b)
                throw new BerthException(b.Kind, "failed to set up container networking: " + b.Message, b);
            throw;
        }
    }

    /// <summary>Takes the container off its network; idempotent, and never throws (failures are logged).</summary>
    public async Task DetachAsync(string id, NetworkAttachment? attachment)
    {
        var ports = attachment?.Ports ?? [];
        string netns = attachment?.SandboxKey ?? NamespaceOf(id);
        if (attachment is not null || File.Exists(netns))
            await TearDownAsync(id, netns, ports);
        _ports.Release(ports);
    }

    /// <summary>After a daemon restart: re-holds the ports of containers still running.</summary>
    public void Restore(NetworkAttachment? attachment)
    {
        if (attachment is null)
            return;
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

    /// <summary>Namespaces under the exec root whose container is not running (a crash between ADD and DEL).</summary>
    public async Task RemoveOrphansAsync(ISet<string> running)
    {
        if (!Directory.Exists(NamespaceDir))
            return;
        foreach (string path in Directory.GetFiles(NamespaceDir))
        {
            string id = Path.GetFileName(path);
            if (!running.Contains(id))
                await TearDownAsync(id, path, []);
        }
    }

    private async Task TearDownAsync(string id, string netns, IReadOnlyList<PublishedPort> ports)
    {
        // DEL must succeed even when ADD got halfway, so every plugin gets its DEL.
        string resultPath = ResultOf(id);
        JsonNode? cached = null;
        try
        {
            cached = File.Exists(resultPath) ? JsonNode.Parse(File.ReadAllText(resultPath)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // A result cut short by a crash: DEL without it.
        }
        string name = File.Exists(NetworkNameOf(id)) ? File.ReadAllText(NetworkNameOf(id)) : CniConfig.NetworkName;
        JsonObject conflist = name == CniConfig.NetworkName ? DefaultConflist()
            : FindUserNetwork(name) is { } user ? UserConflist(user)
            : File.Exists(ConflistPath(name)) ? JsonNode.Parse(File.ReadAllText(ConflistPath(name)))!.AsObject() : DefaultConflist();
        foreach (JsonObject plugin in Plugins(conflist, ports).Reverse())
        {
            var config = CniConfig.ForPlugin(conflist, plugin, cached, ports);
            await DeleteAsync(plugin["type"]!.GetValue<string>(), id, netns, "eth0", config);
        }
        // No DEL for lo: loopback's DEL only downs lo, and the namespace goes next.
        try
        {
            NetworkNamespace.Remove(netns);
            File.Delete(resultPath);
            File.Delete(NetworkNameOf(id));
        }
        catch (Exception e) when (e is BerthException or IOException)
        {
            LogMessages.CleanupFailed(_log, "network namespace", id, e);
        }
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
                    ? BridgeRules.InstallAsync(_bridge.Bridge, _bridge.Subnet, isInternal: false, dns: false, CancellationToken.None)
                    : BridgeRules.InstallAsync(user.Bridge, user.Subnet, user.Internal, dns: true, CancellationToken.None);
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
