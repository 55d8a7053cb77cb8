using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Core.Networking;
using Berth.Engine.Networking;

namespace Berth.Engine.Containers;

/// <summary><c>network connect</c> and <c>disconnect</c>, legacy links, and what the /etc files say of a container's networks.</summary>
public sealed partial class ContainerService
{
    /// <summary>
    /// <c>docker network connect</c>: a running container gets an interface on the network at
    /// once, its /etc/hosts a line for the new address; a stopped one joins at its next start.
    /// </summary>
    public async Task ConnectAsync(string idOrName, string network, EndpointConfig endpoint, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            string name = _network.CanonicalName(network);
            CheckCanJoin(c, name);
            NetworkService.CheckUserDefinedOnly(name, endpoint);
            var endpoints = new Dictionary<string, EndpointConfig>(c.Endpoints) { [name] = endpoint };
            if (handle.IsRunning)
            {
                var attachment = await _network.ConnectAsync(c with { Endpoints = endpoints }, name, endpoint, ct);
                Update(handle, x => x with
                {
                    Endpoints = endpoints,
                    OffModeNetwork = x.OffModeNetwork && PrimaryNetwork(x) != name,
                    State = x.State with { Networks = [.. x.State.Networks, attachment] },
                });
                RewriteEtcFiles(handle.Current);
            }
            else
            {
                if (c.Endpoints.ContainsKey(name) || OnModeNetwork(c, name))
                    throw BerthException.Forbidden($"endpoint with name {c.Name} already exists in network {name}");
                Update(handle, x => x with { Endpoints = endpoints, OffModeNetwork = x.OffModeNetwork && PrimaryNetwork(x) != name });
            }
            _network.Emit("connect", name, handle.Current.Id);
        }
        finally
        {
            handle.Lock.Release();
        }
    }

    /// <summary><c>docker network disconnect</c>: the container's interface on the network goes, or, if stopped, its place there.</summary>
    public async Task DisconnectAsync(string idOrName, string network, bool force, CancellationToken ct)
    {
        var handle = Find(idOrName);
        await handle.Lock.WaitAsync(ct);
        try
        {
            var c = handle.Current;
            string name = _network.CanonicalName(network);
            if (name == "host" && c.HostConfig.NetworkMode == "host")
                throw BerthException.Forbidden("container cannot be disconnected from host network or connected to host network");
            var attachment = c.State.Networks.FirstOrDefault(a => a.Network == name);
            bool joined = attachment is not null || (!handle.IsRunning && (c.Endpoints.ContainsKey(name) || OnModeNetwork(c, name)));
            if (!joined)
                throw BerthException.Forbidden($"container {c.Id} is not connected to network {name}");
            var endpoints = new Dictionary<string, EndpointConfig>(c.Endpoints);
            endpoints.Remove(name);
            // Taken off the network its mode names, a container keeps its mode, as Docker's, and
            // starts next on the other networks it is on (none if there are none): Docker's
            // list of networks, not its mode, is what a start joins.
            if (attachment is not null)
                await _network.DisconnectAsync(c.Id, attachment);
            Update(handle, x => x with
            {
                Endpoints = endpoints,
                OffModeNetwork = x.OffModeNetwork || PrimaryNetwork(x) == name,
                State = x.State with { Networks = x.State.Networks.Where(a => a != attachment).ToList() },
            });
            if (attachment is not null)
                RewriteEtcFiles(handle.Current);
            _network.Emit("disconnect", name, handle.Current.Id);
        }
        finally
        {
            handle.Lock.Release();
        }
    }

    private static string PrimaryNetwork(Container c) => NetworkService.IsDefault(c.HostConfig.NetworkMode) ? CniConfig.NetworkName : c.HostConfig.NetworkMode;

    /// <summary>Whether a container is on <paramref name="network"/> through its network mode.</summary>
    private static bool OnModeNetwork(Container c, string network) => !c.OffModeNetwork && PrimaryNetwork(c) == network;

    /// <summary>Docker's refusals (400s, as its validation errors) of a second network for containers whose mode leaves no room for one.</summary>
    private static void CheckCanJoin(Container c, string network)
    {
        string mode = c.HostConfig.NetworkMode;
        if (network == "host")
            throw BerthException.Invalid("container cannot be disconnected from host network or connected to host network");
        if (mode == "host" || mode.StartsWith("container:", StringComparison.Ordinal))
            throw BerthException.Invalid("container sharing network namespace with another container or host cannot be connected to any other network");
        if (mode == "none" || network == "none")
            throw BerthException.Invalid("container cannot be connected to multiple networks with one of the networks in private (none) mode");
    }

    private void RewriteEtcFiles(Container c) =>
        EtcFiles.Rewrite(_paths.ContainerDir(c.Id), c, EtcNetworkingOf(c, c.State.Networks, ResolveLinks(c, forStart: false)));

    private EtcNetworking EtcNetworkingOf(Container c, IReadOnlyList<NetworkAttachment> networks, IReadOnlyList<LinkedContainer> links) => new()
    {
        Attachments = networks,
        // Berth's resolver of the first user-defined network the container is on; the default bridge has none, as Docker's.
        Resolver = networks.FirstOrDefault(a => a.Network != CniConfig.NetworkName)?.Gateway,
        HostGateway = _network.Bridge.Gateway.ToString(),
        Links = links,
    };

    /// <summary>
    /// <c>--link</c> at create: every target must exist; stored as Docker stores them,
    /// <c>/TARGET:/NAME/ALIAS</c>.
    /// </summary>
    private IReadOnlyList<string>? NormalizeLinks(IReadOnlyList<string>? links, string name)
    {
        if (links is not { Count: > 0 })
            return links;
        var normalized = new List<string>();
        foreach (string link in links)
        {
            var (target, alias) = LinkSpec.Parse(link);
            ContainerHandle found;
            try
            {
                found = Find(target);
            }
            catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
            {
                throw BerthException.Invalid($"could not get container for {target}: {e.Message}");
            }
            normalized.Add($"/{found.Current.Name}:/{name}/{alias}");
        }
        return normalized;
    }

    /// <summary>
    /// The containers a container links to, with their address on the default bridge (links
    /// are a default-bridge feature; on user-defined networks names resolve through DNS).
    /// </summary>
    private List<LinkedContainer> ResolveLinks(Container c, bool forStart = true)
    {
        var resolved = new List<LinkedContainer>();
        foreach (string link in c.HostConfig.Links ?? [])
        {
            var (target, alias) = LinkSpec.Parse(link);
            var handle = _containers.Values.FirstOrDefault(h => h.Current.Name == target);
            if (handle is null || !handle.IsRunning)
            {
                if (!forStart)
                    continue;
                throw BerthException.Invalid($"Cannot link to a non running container: /{target} AS /{c.Name}/{alias}");
            }
            var on = handle.Current.State.Networks.FirstOrDefault(a => a.Network == CniConfig.NetworkName);
            if (on is not null)
                resolved.Add(new LinkedContainer(alias, handle.Current, on.IPAddress));
        }
        return resolved;
    }

    /// <summary>Docker's link variables: ALIAS_NAME, ALIAS_PORT*, and ALIAS_ENV_* for the target's own environment.</summary>
    private static IEnumerable<string> LinkEnvironment(Container c, LinkedContainer link)
    {
        string prefix = link.Alias.ToUpperInvariant().Replace('-', '_');
        yield return $"{prefix}_NAME=/{c.Name}/{link.Alias}";
        var ports = (link.Target.Config.ExposedPorts ?? new Dictionary<string, object>()).Keys
            .Select(k => k.Split('/') is var p && int.TryParse(p[0], out int n) ? (Port: n, Proto: p.Length > 1 ? p[1] : "tcp") : (Port: 0, Proto: ""))
            .Where(p => p.Port > 0)
            .OrderBy(p => p.Port).ThenBy(p => p.Proto != "tcp")
            .ToList();
        if (ports.Count > 0)
            yield return $"{prefix}_PORT={ports[0].Proto}://{link.IPAddress}:{ports[0].Port}";
        foreach (var (port, proto) in ports)
        {
            string key = $"{prefix}_PORT_{port}_{proto.ToUpperInvariant()}";
            yield return $"{key}={proto}://{link.IPAddress}:{port}";
            yield return $"{key}_ADDR={link.IPAddress}";
            yield return $"{key}_PORT={port}";
            yield return $"{key}_PROTO={proto}";
        }
        foreach (string variable in link.Target.Config.Env ?? [])
        {
            string[] kv = variable.Split('=', 2);
            if (kv.Length == 2 && kv[0] is not ("HOME" or "PATH"))
                yield return $"{prefix}_ENV_{kv[0]}={kv[1]}";
        }
    }
}
