using System.Text;
using System.Text.Json.Nodes;
using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Files;
using Berth.Engine.Services;
using Berth.Linux.Cni;
using Berth.Linux.Namespaces;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networking;

/// <summary>
/// The default bridge network. A container on it gets, before runc starts:
/// <code>
///   netns pinned at &lt;exec-root&gt;/netns/&lt;id&gt;
///     → loopback ADD (lo up), beside
///     → bridge ADD   (veth into the bridge, an address from host-local, default route)
///     → portmap ADD  (DNAT of the published host ports, localhost hairpin; only with ports)
/// </code>
/// and at its exit the same plugins' DEL in reverse order, then the namespace goes.
/// Masquerade and FORWARD acceptance are the network's (<see cref="BridgeRules"/>).
/// host and none need nothing here: runc keeps the host's namespace or makes an empty one.
/// </summary>
public sealed class NetworkService
{
    private readonly DaemonPaths _paths;
    private readonly BridgeConfig _bridge;
    private readonly CniPlugin _plugins;
    private readonly PortAllocator _ports;
    private readonly ILogger _log;
    private readonly JsonObject _conflist;
    private readonly Lock _rulesLock = new();
    private Task? _rules;

    public NetworkService(DaemonPaths paths, BridgeConfig bridge, CniPlugin plugins, PortAllocator ports, ILogger<NetworkService> log)
    {
        _paths = paths;
        _bridge = bridge;
        _plugins = plugins;
        _ports = ports;
        _log = log;
        _conflist = CniConfig.Conflist(bridge, Path.Combine(paths.DataRoot, "network", "ipam"));
        Directory.CreateDirectory(Path.GetDirectoryName(ConflistPath)!);
        AtomicFile.Write(ConflistPath, _conflist.ToJsonString(new() { WriteIndented = true }) + "\n", durable: false);
    }

    public BridgeConfig Bridge => _bridge;

    /// <summary>The conflist berthd hands the plugins, written for people who want to read it.</summary>
    public string ConflistPath => Path.Combine(_paths.DataRoot, "network", "bridge.conflist");

    private string NamespaceDir => Path.Combine(_paths.ExecRoot, "netns");

    public string NamespaceOf(string id) => Path.Combine(NamespaceDir, id);

    /// <summary>The cached ADD result, which DEL hands back to the plugins as prevResult (portmap and bridge find their rules and address by it).</summary>
    private string ResultOf(string id) => Path.Combine(_paths.ExecRoot, "network", id + ".json");

    public static bool UsesBridge(Container c) => c.HostConfig.NetworkMode is "bridge" or "" or "default";

    /// <summary>Checks what can be checked at create: the published port specs.</summary>
    public static void Validate(HostConfig host, ContainerConfig config) => PortRequest.From(host, config);

    /// <summary>Puts the container on the bridge; null for host and none networking.</summary>
    public async Task<NetworkAttachment?> AttachAsync(Container c, CancellationToken ct)
    {
        if (!UsesBridge(c))
            return null;
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
            // lo and eth0 are independent: their plugins run side by side.
            var loopback = _plugins.ExecAsync("loopback", "ADD", c.Id, netns, "lo", Bytes(CniConfig.Loopback()), ct);
            await EnsureRulesAsync();
            JsonNode? result = null;
            foreach (JsonObject plugin in Plugins(ports))
            {
                var config = CniConfig.ForPlugin(_conflist, plugin, result, ports);
                string output = await _plugins.ExecAsync(plugin["type"]!.GetValue<string>(), "ADD", c.Id, netns, "eth0", Bytes(config), ct);
                result = JsonNode.Parse(output);
            }
            await loopback;
            AtomicFile.Write(ResultOf(c.Id), result!.ToJsonString(), durable: false);
            var parsed = CniResult.Parse(result.ToJsonString());
            return new NetworkAttachment
            {
                Network = CniConfig.NetworkName,
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

    /// <summary>Takes the container off the bridge; idempotent, and never throws (failures are logged).</summary>
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
        if (attachment is not null)
            _ports.Reserve(attachment.Ports);
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
        foreach (JsonObject plugin in Plugins(ports).Reverse())
        {
            var config = CniConfig.ForPlugin(_conflist, plugin, cached, ports);
            await DeleteAsync(plugin["type"]!.GetValue<string>(), id, netns, "eth0", config);
        }
        // No DEL for lo: loopback's DEL only downs lo, and the namespace goes next.
        try
        {
            NetworkNamespace.Remove(netns);
            File.Delete(resultPath);
        }
        catch (Exception e) when (e is BerthException or IOException)
        {
            LogMessages.CleanupFailed(_log, "network namespace", id, e);
        }
    }

    private IEnumerable<JsonObject> Plugins(IReadOnlyList<PublishedPort> ports) =>
        _conflist["plugins"]!.AsArray().Cast<JsonObject>().Where(p => CniConfig.IsNeeded(p, ports));

    /// <summary>The bridge's own rules, installed once per daemon run (again after a failure).</summary>
    private Task EnsureRulesAsync()
    {
        lock (_rulesLock)
        {
            if (_rules is null || _rules.IsFaulted || _rules.IsCanceled)
                _rules = BridgeRules.InstallAsync(_bridge.Bridge, _bridge.Subnet, CancellationToken.None);
            return _rules;
        }
    }

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
