using Berth.Core.Containers;
using Berth.Core.Errors;
using Berth.Daemon.Api.Models;

namespace Berth.Daemon.Api;

/// <summary>
/// The <c>filters</c> of <c>GET /containers/json</c>: <c>{"status":["running"],"label":["a=b"],...}</c>.
/// Values of one name are alternatives (any matches) except <c>label</c>'s (all must), as dockerd's.
/// </summary>
internal sealed class ContainerFilter(Dictionary<string, List<string>> terms, IReadOnlyDictionary<string, DateTime> created)
{
    private static readonly HashSet<string> s_known = ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "network", "health", "volume", "publish", "expose", "is-task"];
    private static readonly HashSet<string> s_health = ["starting", "healthy", "unhealthy", "none"];
    private static readonly HashSet<string> s_status = ["created", "running", "paused", "restarting", "removing", "exited", "dead"];

    /// <param name="resolve">finds the container a <c>before</c>/<c>since</c> term names, once per name.</param>
    public static ContainerFilter Parse(string? json, Func<string, Container> resolve)
    {
        var terms = FilterTerms.Parse(json, s_known.Contains);
        foreach (string value in terms.GetValueOrDefault("exited") ?? [])
            if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                throw BerthException.Invalid($"strconv.Atoi: parsing \"{value}\": invalid syntax"); // dockerd 20.10 answers this with a 500; the value is the client's fault
        foreach (string value in terms.GetValueOrDefault("status") ?? [])
            if (!s_status.Contains(value))
                throw BerthException.Invalid($"invalid filter 'status={value}'");
        // Only swarm tasks are tasks: is-task=true matches none, false all.
        if (terms.TryGetValue("is-task", out var isTask) && !(isTask.All(v => v == "true") || isTask.All(v => v == "false")))
            throw BerthException.Invalid($"invalid filter 'is-task={string.Join(',', isTask)}'");
        foreach (string value in terms.GetValueOrDefault("health") ?? [])
            if (!s_health.Contains(value))
                throw BerthException.Invalid($"Unrecognised filter value for health: {value}");
        foreach (var (name, values) in terms.Where(t => t.Key is "publish" or "expose"))
            foreach (string value in values)
            {
                try { PortRange.Parse(value); }
                catch (FormatException e) { throw BerthException.Invalid($"error while looking up for {name} {value}: {e.Message}"); }
            }
        var created = terms.Where(t => t.Key is "before" or "since").SelectMany(t => t.Value).Distinct()
            .ToDictionary(name => name, name => Named(name, resolve).Created);
        return new ContainerFilter(terms, created);
    }

    /// <summary>The container a <c>before</c>/<c>since</c> term names; none is dockerd's 500 in its own words.</summary>
    private static Container Named(string name, Func<string, Container> resolve)
    {
        try
        {
            return resolve(name);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound)
        {
            throw new BerthException(ErrorKind.Internal, $"no such container {name}");
        }
    }

    /// <summary>prune's filters: <c>label</c>, <c>label!</c>, <c>until</c>.</summary>
    public static ContainerFilter ParseForPrune(string? json)
    {
        var terms = FilterTerms.Parse(json, name => name is "label" or "label!" or "until");
        UntilFilter.Validate(terms);
        return new(terms, new Dictionary<string, DateTime>());
    }

    /// <param name="imageIdOf">the ID of the image an <c>ancestor</c> term names, null if none.</param>
    /// <param name="networkIds">the IDs of the user-defined networks the container is on, by name.</param>
    public bool Matches(Container c, Func<string, string?> imageIdOf, IReadOnlyDictionary<string, string> networkIds) => terms.All(t => t.Key switch
    {
        "id" => t.Value.Any(v => c.Id.StartsWith(v, StringComparison.Ordinal)),
        "name" => t.Value.Any(v => c.Name.Contains(v.TrimStart('/'), StringComparison.Ordinal)),
        "status" => t.Value.Contains(c.State.Status.ToString().ToLowerInvariant()),
        "exited" => c.State.Status == ContainerStatus.Exited && t.Value.Contains(c.State.ExitCode.ToString()),
        "label" => t.Value.All(v => HasLabel(c, v)),
        "ancestor" => t.Value.Any(v => imageIdOf(v) == c.ImageId),
        "before" => t.Value.All(name => c.Created < created[name]),
        "since" => t.Value.All(name => c.Created > created[name]),
        "health" => t.Value.Contains(c.State.Health?.Status ?? "none"),
        "network" => t.Value.Any(v => OnNetwork(c, v, networkIds)),
        // A volume by name (a bind by its source) or any mount by its destination.
        "volume" => t.Value.Any(v => c.Mounts.Any(m => m.Destination == v || (string.IsNullOrEmpty(m.Name) ? m.Source == v : m.Name == v))),
        "publish" => t.Value.Any(v => PortRange.Parse(v).Matches(PublishedPorts(c))),
        "expose" => t.Value.Any(v => PortRange.Parse(v).Matches(ExposedPorts(c))),
        "is-task" => t.Value.All(v => v == "false"),
        _ => true,
    });

    /// <summary>prune's match: <c>label</c>, <c>label!</c>, <c>until</c> (a timestamp or a duration ago).</summary>
    public bool MatchesPrune(Container c) => terms.All(t => t.Key switch
    {
        "label" => t.Value.All(v => HasLabel(c, v)),
        "label!" => !t.Value.Any(v => HasLabel(c, v)),
        "until" => t.Value.All(v => c.Created < UntilFilter.Parse(v)),
        _ => true,
    });

    /// <summary>On a network named exactly, or whose ID starts with the value.</summary>
    private static bool OnNetwork(Container c, string value, IReadOnlyDictionary<string, string> networkIds) =>
        ContainerViews.NetworkNames(c).Any(name => name == value
            || (networkIds.TryGetValue(name, out var id) || (id = Engine.Networking.PredefinedNetworks.Find(name)?.Id) is not null)
                && id.StartsWith(value, StringComparison.Ordinal));

    /// <summary>The host side of the ports a running container publishes, as <c>port/proto</c>.</summary>
    private static IEnumerable<(int Port, string Protocol)> PublishedPorts(Container c) =>
        c.State.Status is ContainerStatus.Running or ContainerStatus.Paused
            ? c.State.Networks.SelectMany(a => a.Ports).Where(p => p.HostPort != 0).Select(p => (p.HostPort, p.Protocol))
            : [];

    /// <summary>
    /// The container side: the image's and <c>--expose</c>'s ports, and those published, of a
    /// running container only (dockerd matches the ports its list shows, none for a stopped one).
    /// </summary>
    private static IEnumerable<(int Port, string Protocol)> ExposedPorts(Container c) =>
        c.State.Status is ContainerStatus.Running or ContainerStatus.Paused
            ? (c.Config.ExposedPorts?.Keys ?? []).Select(k => PortRange.Parse(k)).Select(r => (r.First, r.Protocol))
                .Concat(c.State.Networks.SelectMany(a => a.Ports).Select(p => (p.ContainerPort, p.Protocol)))
            : [];

    private static bool HasLabel(Container c, string term) => FilterTerms.MatchesLabel(c.Config.Labels, term);
}
