using Berth.Core.Networking;

namespace Berth.Daemon.Api.Models;

/// <summary>
/// The Engine API's <c>EndpointSettings</c> as create and <c>network connect</c> send them.
/// Berth acts on <c>--network-alias</c>, <c>--ip</c>, <c>--ip6</c> and <c>--mac-address</c>; links, driver
/// options and link-local addresses are kept for inspect; what the daemon fills in is not.
/// </summary>
internal sealed class EndpointSettingsModel
{
    public IReadOnlyList<string?>? Aliases { get; init; }
    public EndpointIpamModel? IPAMConfig { get; init; }
    public string? MacAddress { get; init; }
    public IReadOnlyList<string?>? Links { get; init; }
    public IReadOnlyDictionary<string, string?>? DriverOpts { get; init; }

    /// <summary>The Core record; empty aliases are dropped, missing strings are "".</summary>
    public EndpointConfig ToCore() => new()
    {
        Aliases = (Aliases ?? []).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList(),
        IPv4Address = IPAMConfig?.IPv4Address ?? "",
        IPv6Address = IPAMConfig?.IPv6Address ?? "",
        MacAddress = MacAddress ?? "",
        Links = (Links ?? []).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).ToList(),
        DriverOpts = (DriverOpts ?? new Dictionary<string, string?>()).ToDictionary(o => o.Key, o => o.Value ?? ""),
        LinkLocalIPs = (IPAMConfig?.LinkLocalIPs ?? []).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToList(),
    };
}
